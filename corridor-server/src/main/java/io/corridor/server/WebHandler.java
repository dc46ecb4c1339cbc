package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web page and its files: {@code GET /} (the page), {@code /web/...} (its script, style, base
 * map and {@code config.json}) and {@code /webjars/leaflet/dist/...} (Leaflet from its WebJar).
 * Thread-safe.
 *
 * <p>Only a fixed list of files is served, read from the jar once at start: a request path is a
 * key in that list or it is passed on (to the API's router, which answers 404), so no path, however
 * encoded ({@code ..}, {@code %2e%2e}, backslashes), reaches any other resource or file. Every file
 * has its content type, an ETag, {@code Cache-Control: no-cache} (revalidate, then 304 if
 * unchanged) and {@code X-Content-Type-Options: nosniff}; the page has a Content-Security-Policy
 * that lets it load only from this server (and from the tile server, if one is configured).
 */
final class WebHandler extends Handler.Abstract {
  private static final String WEB = "/web/";
  private static final String LEAFLET = "META-INF/resources/webjars/leaflet/";
  private static final String LEAFLET_PROPERTIES = "META-INF/maven/org.webjars.npm/leaflet/pom.properties";
  private static final String[] PAGE_FILES = {"app.js", "app.css", "world-110m.geojson"};
  private static final String[] LEAFLET_FILES = {
    "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
    "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"
  };

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /**
   * Reads the page's files from the class path.
   *
   * @param tileUrl a tile URL template ({@code https://host/{z}/{x}/{y}.png}) the page offers as
   *     its base map, or null for the offline map only
   * @param maxRadiusMeters the largest radius the API accepts, which the page keeps to
   */
  WebHandler(String tileUrl, double maxRadiusMeters) {
    String tileOrigin = tileUrl == null ? "" : " " + origin(tileUrl);
    String policy = "default-src 'self'; img-src 'self' data: blob:" + tileOrigin
        + "; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'"
        + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
    assets.put("/", new Asset(read("web/index.html"), "text/html; charset=utf-8", policy));
    for (String name : PAGE_FILES) {
      assets.put(WEB + name, new Asset(read("web/" + name), contentType(name), null));
    }
    assets.put(WEB + "config.json",
        new Asset(config(tileUrl, maxRadiusMeters), "application/json", null));
    String leaflet = LEAFLET + leafletVersion() + "/dist/";
    for (String name : LEAFLET_FILES) {
      assets.put("/webjars/leaflet/dist/" + name, new Asset(read(leaflet + name), contentType(name), null));
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Asset asset = assets.get(request.getHttpURI().getPath());
    if (asset == null) {
      return false;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      // Leave it to the router, which answers 405 (or 404) as a problem.
      return false;
    }
    var headers = response.getHeaders();
    if (request.getLength() != 0) {
      // A body on a GET is never read: close the connection rather than leave it unread on it.
      headers.put(HttpHeader.CONNECTION, "close");
    }
    headers.put(HttpHeader.CONTENT_TYPE, asset.contentType);
    headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
    headers.put(HttpHeader.ETAG, asset.etag);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    if (asset.policy != null) {
      headers.put("Content-Security-Policy", asset.policy);
    }
    String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    if (ifNoneMatch != null && matches(ifNoneMatch, asset.etag)) {
      response.setStatus(304);
      response.write(true, null, callback);
      return true;
    }
    response.setStatus(200);
    headers.put(HttpHeader.CONTENT_LENGTH, asset.body.length);
    response.write(true, head ? null : ByteBuffer.wrap(asset.body), callback);
    return true;
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] config(String tileUrl, double maxRadiusMeters) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JsonOutput.generator(out)) {
      g.writeStartObject();
      if (tileUrl != null) {
        g.writeStringField("tile_url", tileUrl);
      }
      g.writeNumberField("max_radius_m", maxRadiusMeters);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The scheme, host and port of a tile URL template, for the page's Content-Security-Policy. */
  static String origin(String tileUrl) {
    URI uri;
    try {
      uri = URI.create(tileUrl.replace("{", "").replace("}", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the tile URL is not a URL: " + tileUrl, e);
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("the tile URL must be http:// or https:// with a host: " + tileUrl);
    }
    // The host may itself hold a {s} subdomain placeholder: allow the whole domain then.
    String host = tileUrl.contains("{s}.") ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
        : uri.getHost();
    return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String leafletVersion() {
    Properties p = new Properties();
    try (InputStream in = stream(LEAFLET_PROPERTIES)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = stream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String resource) {
    InputStream in = WebHandler.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the server's class path");
    }
    return in;
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (name.endsWith(".geojson")) {
      return "application/geo+json";
    } else if (name.endsWith(".png")) {
      return "image/png";
    }
    throw new IllegalArgumentException("no content type for " + name);
  }

  /** One file: its bytes, content type, strong ETag (a hash of the bytes) and page policy. */
  private record Asset(byte[] body, String contentType, String policy, String etag) {
    Asset(byte[] body, String contentType, String policy) {
      this(body, contentType, policy, etag(body));
    }

    private static String etag(byte[] body) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
        return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }
}

package io.corridor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A server on 127.0.0.1 and a free port for one test class, and the HTTP calls the tests make. */
final class TestServer implements AutoCloseable {
  /** Reads numbers as written, so that "12.300" stays "12.300" for comparisons of the text. */
  static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  /** Demo locations in tests: enough for long answers and paging, quick to build. */
  static final int DEMO_LOCATIONS = 20_000;

  final CorridorServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(CorridorServer server) {
    this.server = server;
  }

  /** Starts a server with these settings (port replaced by a free one) and waits for its index. */
  static TestServer start(ServerSettings settings) throws Exception {
    return start(settings, Tracing.create(null));
  }

  static TestServer start(ServerSettings settings, Tracing tracing) throws Exception {
    CorridorServer s = CorridorServer.start(settings.withPort(0), tracing, null, DEMO_LOCATIONS);
    if (!s.awaitIndex(Duration.ofSeconds(120))) {
      s.close();
      throw new IllegalStateException("index did not load: " + s.loadFailure());
    }
    return new TestServer(s);
  }

  /** Returns settings: defaults, then {@code key=value} pairs by setting key. */
  static ServerSettings settings(String... keyValues) {
    Map<Setting, String> flags = new java.util.EnumMap<>(Setting.class);
    for (int i = 0; i < keyValues.length; i += 2) {
      flags.put(Setting.byKey(keyValues[i]), keyValues[i + 1]);
    }
    return ServerSettings.resolve(flags, Map.of(), null);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends raw bytes on a new connection and returns the status of the answer (0 if none came). */
  int raw(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      return status(s.getInputStream());
    }
  }

  /** Reads an HTTP answer's status line. */
  static int status(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.write(c);
    }
    String[] parts = line.toString(StandardCharsets.ISO_8859_1).split(" ");
    return parts.length < 2 ? 0 : Integer.parseInt(parts[1]);
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}

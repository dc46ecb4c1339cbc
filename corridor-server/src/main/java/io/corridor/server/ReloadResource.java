package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.index.InvalidSnapshotException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code POST /admin/reload} with {@code Authorization: Bearer TOKEN} and {@code {"index": FILE}}:
 * verifies the snapshot in full, then swaps it in; a file that fails verification is refused with
 * a 422 and the index served before keeps serving. Exists only when an admin token is configured.
 */
final class ReloadResource implements Resource {
  private final byte[] token;

  ReloadResource(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    String auth = ex.request().getHeaders().get(HttpHeader.AUTHORIZATION);
    byte[] given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
        ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      throw Problem.of(401, "a valid admin token is needed: Authorization: Bearer TOKEN");
    }
    Path file = null;
    try (JsonInput in = JsonInput.object(ex.jsonBody())) {
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        if (!field.equals("index")) {
          throw in.unknownField(field, "\"index\": the snapshot file to serve");
        }
        try {
          file = Path.of(in.text());
        } catch (java.nio.file.InvalidPathException e) {
          throw Problem.badRequest("/index", "not a file path: " + e.getMessage());
        }
      }
      in.end();
    }
    if (file == null) {
      throw Problem.badRequest("/index", "missing field \"index\": the snapshot file to serve");
    }
    ServedIndex next;
    try {
      next = ex.state().slot().reload(file);
    } catch (InvalidSnapshotException e) {
      throw Problem.unprocessable("/index", e.getMessage() + "; the index served before is still served");
    } catch (NoSuchFileException e) {
      throw Problem.unprocessable("/index", file + ": no such file; the index served before is still served");
    } catch (IOException | RuntimeException e) {
      throw Problem.unprocessable("/index", file + ": cannot be served: " + e.getMessage()
          + "; the index served before is still served");
    }
    ex.state().metrics().indexServed(next);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JsonOutput.generator(out)) {
      g.writeStartObject();
      g.writeStringField("file", next.file().toString());
      g.writeStringField("checksum", next.checksum());
      g.writeNumberField("locations", next.summary().locations());
      g.writeStringField("loaded_at", next.loadedAt().toString());
      g.writeEndObject();
    }
    ex.sendJson(200, out.toByteArray());
  }
}

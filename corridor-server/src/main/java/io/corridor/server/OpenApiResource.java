package io.corridor.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of the API, as shipped with the server. */
final class OpenApiResource implements Resource {
  /** The document's resource name, next to this class. */
  static final String DOCUMENT = "openapi.json";
  private final byte[] document;

  OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the server's resources");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(Exchange ex) {
    ex.sendJson(200, document);
  }
}

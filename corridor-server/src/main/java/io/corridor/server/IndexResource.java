package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * {@code GET /v1/index}: what is served: locations, points, categories with their counts, the
 * bounding box, the snapshot file and checksum, and when it was built and loaded.
 */
final class IndexResource implements Resource {
  @Override
  public void handle(Exchange ex) throws Exception {
    try (IndexSlot.Lease lease = ex.state().slot().lease()) {
      if (lease == null) {
        throw Problem.unavailable("loading", "the index is still loading; retry shortly");
      }
      ServedIndex s = lease.index();
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      try (JsonGenerator g = JsonOutput.generator(out)) {
        g.writeStartObject();
        g.writeNumberField("locations", s.summary().locations());
        g.writeNumberField("points", s.summary().points());
        g.writeObjectFieldStart("categories");
        for (Map.Entry<String, Integer> e : s.summary().categories().entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("bbox");
        for (double v : s.summary().bbox()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeStringField("source", s.file() == null ? "demo" : "snapshot");
        if (s.file() == null) {
          g.writeNullField("file");
        } else {
          g.writeStringField("file", s.file().toString());
        }
        g.writeStringField("checksum", s.checksum());
        g.writeStringField("built_at", s.builtAt().toString());
        g.writeStringField("loaded_at", s.loadedAt().toString());
        // Settings that change what the endpoints answer, for benchmarks: shown so that a
        // measurement can say what it measured.
        g.writeStringField("filter_strategy", ex.settings().filterStrategy().cliName());
        g.writeStringField("search_answer", ex.settings().searchAnswer().settingValue());
        g.writeEndObject();
      }
      ex.sendJson(200, out.toByteArray());
    }
  }
}

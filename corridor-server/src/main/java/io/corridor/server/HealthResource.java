package io.corridor.server;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health/live} (the process answers) and {@code GET /health/ready} (an index is loaded
 * and the server is not draining): what an orchestrator probes.
 */
final class HealthResource implements Resource {
  private final boolean readiness;

  private HealthResource(boolean readiness) {
    this.readiness = readiness;
  }

  static HealthResource live() {
    return new HealthResource(false);
  }

  static HealthResource ready() {
    return new HealthResource(true);
  }

  @Override
  public void handle(Exchange ex) {
    if (!readiness) {
      ex.sendJson(200, "{\"status\":\"live\"}".getBytes(StandardCharsets.UTF_8));
    } else if (ex.state().draining().get()) {
      ex.sendJson(503, "{\"status\":\"draining\"}".getBytes(StandardCharsets.UTF_8));
    } else if (!ex.state().slot().loaded()) {
      ex.sendJson(503, "{\"status\":\"loading\"}".getBytes(StandardCharsets.UTF_8));
    } else {
      ex.sendJson(200, "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8));
    }
  }
}

package io.corridor.server;

import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every meter in the Prometheus text format. */
final class MetricsResource implements Resource {
  @Override
  public void handle(Exchange ex) {
    ex.send(200, "text/plain; version=0.0.4; charset=utf-8",
        ex.state().metrics().scrape().getBytes(StandardCharsets.UTF_8));
  }
}

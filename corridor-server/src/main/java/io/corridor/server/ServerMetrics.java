package io.corridor.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The server's Micrometer meters, exposed in Prometheus text by {@code GET /metrics}: request
 * latency per endpoint and status (with a histogram for percentiles), time spent waiting for a
 * worker, time per phase, candidates and matches per request, requests in progress, queued and
 * rejected, the served index, and the JVM's own. Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private Gauge indexInfo;

  ServerMetrics(Admission admission, IndexSlot slot) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("corridor.requests.in.progress", admission, Admission::inProgress)
        .description("Corridor requests being worked on").register(registry);
    Gauge.builder("corridor.requests.queued", admission, Admission::queued)
        .description("Corridor requests waiting for a worker").register(registry);
    Gauge.builder("corridor.index.locations", slot, s -> s.peek() == null ? 0 : s.peek().summary().locations())
        .description("Locations in the served index").register(registry);
    Gauge.builder("corridor.index.age", slot, s -> s.peek() == null ? Double.NaN
            : Duration.between(s.peek().builtAt(), Instant.now()).toMillis() / 1000.0)
        .baseUnit("seconds").description("Time since the served index's data was built").register(registry);
  }

  /** Records the served index's file and checksum as the labels of {@code corridor_index_info}. */
  synchronized void indexServed(ServedIndex index) {
    if (indexInfo != null) {
      registry.remove(indexInfo);
    }
    indexInfo = Gauge.builder("corridor.index.info", () -> 1)
        .tag("file", index.file() == null ? "demo" : index.file().toString())
        .tag("checksum", index.checksum())
        .description("The served index: its file and checksum as labels")
        .register(registry);
  }

  /** Records a finished request: its latency by endpoint and status. */
  void request(String endpoint, int status, long nanos) {
    Timer.builder("corridor.request").tag("endpoint", endpoint).tag("status", Integer.toString(status))
        .publishPercentileHistogram().description("Server time of a request, from arrival to the answer written")
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records the time a request waited for a worker. */
  void scheduled(String endpoint, long nanos) {
    Timer.builder("corridor.request.scheduled").tag("endpoint", endpoint)
        .publishPercentileHistogram().description("Time a request waited in the queue for a worker")
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records the time of one phase of a request. */
  void phase(String endpoint, Phase phase, long nanos) {
    Timer.builder("corridor.request.phase").tag("endpoint", endpoint).tag("phase", phase.label())
        .publishPercentileHistogram().description("Time of one phase of a corridor request")
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records how many locations a request examined and how many matched. */
  void counts(String endpoint, long candidates, long matches) {
    if (candidates >= 0) {
      DistributionSummary.builder("corridor.candidates").tag("endpoint", endpoint)
          .description("Locations examined by one request").register(registry).record(candidates);
    }
    DistributionSummary.builder("corridor.matches").tag("endpoint", endpoint)
        .description("Matches answered by one request").register(registry).record(matches);
  }

  /** Counts a request turned away, by reason (queue_full, queue_timeout, deadline, draining, loading). */
  void rejected(String reason) {
    Counter.builder("corridor.requests.rejected").tag("reason", reason)
        .description("Requests answered 503 because the server could not take them").register(registry)
        .increment();
  }

  /** Returns the Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  MeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}

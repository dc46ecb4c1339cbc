package io.corridor.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The load test: replays a request pool against {@code corridor serve} in an open workload model.
 * Requests arrive at a fixed rate per step whatever the server's answer time (a slow server does
 * not slow the arrivals, as it would with a fixed number of looping users), and the rate rises by
 * the same amount each step: {@code start}, {@code start + increment}, ... for {@code steps} steps
 * of {@code step-seconds} each, after {@code warmup-seconds} at the first rate that warm the server's
 * and the generator's JIT and connections ({@link LoadPlan}).
 *
 * <p>Requests are taken from the pool in order, looping, one per arrival, each named by its pool
 * name so that Gatling's report and {@link LoadReport} give latency per kind. Any status other
 * than 2xx counts as an error, a {@code 503} included; a request unanswered after 10 s too.
 * Connections are kept alive and shared between arrivals, as a front-end's pool would.
 */
public final class CorridorSimulation extends Simulation {
  /** Grace after the last arrival for answers in flight, beyond which Gatling stops the run. */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  /** Builds the run from the system properties that {@link LoadPlan#from} reads. */
  public CorridorSimulation() {
    LoadPlan plan = LoadPlan.from(System.getProperties());
    RequestPool pool;
    try {
      pool = RequestPool.read(plan.pool());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("corridor-load: " + pool.size() + " requests (" + pool.distinctBodyBytes()
        + " bytes of distinct bodies) from " + plan.pool() + " against " + plan.url() + "; "
        + plan.description());

    HttpProtocolBuilder protocol = http
        .baseUrl(plan.url().toString())
        .acceptHeader("application/json")
        .shareConnections();
    ScenarioBuilder replay = scenario("corridor")
        .feed(feeder(pool))
        .doIfEqualsOrElse("#{method}", "GET")
        .then(exec(http("#{name}").get("#{path}").check(status().lt(300))))
        .orElse(exec(http("#{name}").post("#{path}")
            .header("Content-Type", "application/json")
            .body(ByteArrayBody("#{body}"))
            .check(status().lt(300))));

    OpenInjectionStep steps = incrementUsersPerSec(plan.incrementPerSecond())
        .times(plan.steps())
        .eachLevelLasting(Duration.ofSeconds(plan.stepSeconds()))
        .startingFrom(plan.startPerSecond());
    setUp(plan.warmupSeconds() == 0 ? replay.injectOpen(steps) : replay.injectOpen(
            constantUsersPerSec(plan.startPerSecond()).during(Duration.ofSeconds(plan.warmupSeconds())), steps))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(plan.seconds()).plus(DRAIN));
  }

  /** The pool in order, looping; one record per arrival. */
  private static Iterator<Map<String, Object>> feeder(RequestPool pool) {
    AtomicLong next = new AtomicLong();
    byte[] none = new byte[0];
    return Stream.generate(() -> {
      PoolRequest r = pool.get(next.getAndIncrement());
      return Map.<String, Object>of("name", r.name(), "method", r.method(), "path", r.path(),
          "body", r.body() == null ? none : r.body());
    }).iterator();
  }
}

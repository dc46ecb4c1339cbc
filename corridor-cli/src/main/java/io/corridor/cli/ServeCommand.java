package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.server.CorridorServer;
import io.corridor.server.ServerSettings;
import io.corridor.server.Setting;
import io.corridor.server.Tracing;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code corridor serve}: the HTTP service over a snapshot, or over a demo index built at start.
 * Every setting is a flag, an environment variable ({@code CORRIDOR_} and the flag in upper snake
 * case) or a key of a configuration file, in that order of precedence. SIGTERM or SIGINT drains
 * the requests in progress and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Serve the HTTP API: POST /v1/filter, POST|GET /v1/search, GET /v1/index, /openapi.json,",
        "/health/live, /health/ready, /metrics, and POST /admin/reload when an admin token is set.",
        "Each flag may also be given as an environment variable CORRIDOR_<FLAG> (e.g. CORRIDOR_PORT)",
        "or as a key of --config; flags win over the environment, which wins over the file."},
    sortOptions = false)
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--index", paramLabel = "INDEX_FILE", description = "Snapshot to serve (default: a demo index built in memory).")
  String index;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: 8080).")
  String port;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (or CORRIDOR_CONFIG): .properties, or .yaml/.yml; keys are the flags without --.")
  Path config;

  @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Bearer token of POST /admin/reload (prefer CORRIDOR_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--drain-timeout", paramLabel = "DURATION", description = "On SIGTERM, the longest wait for requests in progress (default: 30s).")
  String drainTimeout;

  @Option(names = "--max-in-flight", paramLabel = "N", description = "Corridor requests worked on at once (default: 2 x cores).")
  String maxInFlight;

  @Option(names = "--max-queue", paramLabel = "N", description = "Corridor requests waiting for a worker (default: 64).")
  String maxQueue;

  @Option(names = "--request-timeout", paramLabel = "DURATION", description = "Per-request deadline (default: 10s).")
  String requestTimeout;

  @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body, decoded (default: 16777216).")
  String maxBodyBytes;

  @Option(names = "--max-route-vertices", paramLabel = "N", description = "Most route vertices (default: 100000).")
  String maxRouteVertices;

  @Option(names = "--max-route-length-km", paramLabel = "KM", description = "Longest route (default: 5000).")
  String maxRouteLengthKm;

  @Option(names = "--max-radius-m", paramLabel = "METRES", description = "Largest radius (default: 100000).")
  String maxRadiusM;

  @Option(names = "--max-filter-locations", paramLabel = "N", description = "Most locations per filter request (default: 200000).")
  String maxFilterLocations;

  @Option(names = "--max-limit", paramLabel = "N", description = "Largest search page (default: 10000).")
  String maxLimit;

  @Option(names = "--filter-strategy", paramLabel = "NAME", description = "Filter of POST /v1/filter, for benchmarks: fast, baseline or pre_bbox (default: fast).")
  String filterStrategy;

  @Option(names = "--search-answer", paramLabel = "exact|bbox", description = "Search answer, for benchmarks: exact, or bbox: every location of the corridor's bounding box (default: exact).")
  String searchAnswer;

  @Option(names = "--otlp-endpoint", paramLabel = "URL", description = "OTLP/HTTP traces endpoint (default: none, traces not exported).")
  String otlpEndpoint;

  @Option(names = "--tile-url", paramLabel = "URL", description = "Map tiles for the web page, as https://host/{z}/{x}/{y}.png (default: none, the offline outline map).")
  String tileUrl;

  @Override
  public Integer call() throws Exception {
    Path configFile = config;
    if (configFile == null && System.getenv("CORRIDOR_CONFIG") != null) {
      configFile = Path.of(System.getenv("CORRIDOR_CONFIG"));
    }
    ServerSettings settings = ServerSettings.resolve(flags(), System.getenv(), configFile);
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    CorridorServer started;
    try {
      started = CorridorServer.start(settings, Tracing.create(settings.otlpEndpoint()), System.out);
    } catch (java.io.IOException e) {
      throw new InvalidInputException("cannot listen on " + settings.host() + ":" + settings.port()
          + " (" + e.getMessage() + "): is another server using it? Choose another with --port");
    }
    try (CorridorServer server = started) {
      System.err.printf("corridor: listening on http://%s:%d/ (%s)%n", settings.host(), server.port(),
          settings.index() == null ? "building the demo index" : "loading " + settings.index());
      stop.await();
      System.err.println("corridor: stopping; draining requests in progress for up to "
          + settings.drainTimeout().toSeconds() + " s");
    }
    System.err.println("corridor: stopped");
    return 0;
  }

  private Map<Setting, String> flags() {
    Map<Setting, String> m = new EnumMap<>(Setting.class);
    put(m, Setting.INDEX, index);
    put(m, Setting.HOST, host);
    put(m, Setting.PORT, port);
    put(m, Setting.ADMIN_TOKEN, adminToken);
    put(m, Setting.DRAIN_TIMEOUT, drainTimeout);
    put(m, Setting.MAX_IN_FLIGHT, maxInFlight);
    put(m, Setting.MAX_QUEUE, maxQueue);
    put(m, Setting.REQUEST_TIMEOUT, requestTimeout);
    put(m, Setting.MAX_BODY_BYTES, maxBodyBytes);
    put(m, Setting.MAX_ROUTE_VERTICES, maxRouteVertices);
    put(m, Setting.MAX_ROUTE_LENGTH_KM, maxRouteLengthKm);
    put(m, Setting.MAX_RADIUS_M, maxRadiusM);
    put(m, Setting.MAX_FILTER_LOCATIONS, maxFilterLocations);
    put(m, Setting.MAX_LIMIT, maxLimit);
    put(m, Setting.FILTER_STRATEGY, filterStrategy);
    put(m, Setting.SEARCH_ANSWER, searchAnswer);
    put(m, Setting.OTLP_ENDPOINT, otlpEndpoint);
    put(m, Setting.TILE_URL, tileUrl);
    return m;
  }

  private static void put(Map<Setting, String> m, Setting s, String value) {
    if (value != null) {
      m.put(s, value);
    }
  }
}

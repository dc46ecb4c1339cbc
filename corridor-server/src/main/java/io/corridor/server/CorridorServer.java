package io.corridor.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Corridor HTTP service: Jetty's core handlers (no servlets) in front of the endpoint classes,
 * with a thread pool sized to the admission limits so that a surge gets quick 503s rather than a
 * pile-up. Start it with {@link #start}; the index is loaded after the socket is open, so that
 * {@code /health/live} answers at once and {@code /health/ready} once the index is in.
 */
public final class CorridorServer implements AutoCloseable {
  /** Locations of the demo index: about a million, as the README promises. */
  public static final int DEMO_LOCATIONS = 1_000_000;
  /** Threads beyond those that work or wait: for health, metrics and quick rejections. */
  private static final int SPARE_THREADS = 8;

  private final ServerSettings settings;
  private final Server jetty;
  private final ServerState state;
  private final Router router;
  private final ServerConnector connector;
  private final Thread loader;

  private CorridorServer(ServerSettings settings, Tracing tracing, PrintStream accessLog, int demoLocations) {
    this.settings = settings;
    Admission admission = new Admission(settings.maxInFlight(), settings.maxQueue());
    IndexSlot slot = new IndexSlot();
    ServerMetrics metrics = new ServerMetrics(admission, slot);
    this.state = new ServerState(settings, slot, admission, metrics, tracing,
        accessLog == null ? AccessLog.off() : new AccessLog(accessLog), new AtomicBoolean());
    int threads = settings.maxInFlight() + settings.maxQueue() + SPARE_THREADS;
    int jobs = Math.max(64, threads);
    QueuedThreadPool pool = new QueuedThreadPool(threads + 4, Math.min(8, threads), 60_000,
        new BlockingArrayQueue<>(jobs, jobs, jobs));
    pool.setName("corridor");
    this.jetty = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(64 * 1024);
    this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(Math.max(30_000, settings.requestTimeout().toMillis()));
    connector.setAcceptQueueSize(128);
    jetty.addConnector(connector);
    this.router = routes(new Router(state), settings);
    jetty.setHandler(new GracefulHandler(new Handler.Sequence(
        new WebHandler(settings.tileUrl(), settings.maxRadiusMeters()), router)));
    jetty.setErrorHandler(new ProblemErrorHandler());
    jetty.setStopTimeout(settings.drainTimeout().toMillis());
    jetty.setStopAtShutdown(false);
    this.loader = new Thread(() -> load(settings.index(), demoLocations), "corridor-index-loader");
    loader.setDaemon(true);
  }

  /**
   * Starts a server on {@code settings}: listening at once, the index loading in the background.
   *
   * @param tracing the tracing to use (see {@link Tracing#create})
   * @param accessLog where the JSON-lines access log goes, or null for none
   */
  public static CorridorServer start(ServerSettings settings, Tracing tracing, PrintStream accessLog) throws Exception {
    return start(settings, tracing, accessLog, DEMO_LOCATIONS);
  }

  /** As {@link #start(ServerSettings, Tracing, PrintStream)}, with a demo of {@code demoLocations} synthetic locations. */
  public static CorridorServer start(ServerSettings settings, Tracing tracing, PrintStream accessLog,
      int demoLocations) throws Exception {
    CorridorServer server = new CorridorServer(settings, tracing, accessLog, demoLocations);
    server.jetty.start();
    server.loader.start();
    return server;
  }

  private static Router routes(Router r, ServerSettings settings) {
    r.add("POST", "/v1/filter", "filter", true, new FilterResource())
        .add("POST", "/v1/search", "search", true, SearchResource.post())
        .add("GET", "/v1/search", "search", true, SearchResource.get())
        .add("POST", "/v1/corridor", "corridor", true, new CorridorResource())
        .add("GET", "/v1/index", "index", false, new IndexResource())
        .add("GET", "/openapi.json", "openapi", false, new OpenApiResource())
        .add("GET", "/health/live", "health", false, HealthResource.live())
        .add("GET", "/health/ready", "health", false, HealthResource.ready())
        .add("GET", "/metrics", "metrics", false, new MetricsResource())
        .servedBefore("GET", "/", "page");
    if (settings.adminToken() != null) {
      r.add("POST", "/admin/reload", "reload", false, new ReloadResource(settings.adminToken()));
    }
    return r;
  }

  private void load(Path index, int demoLocations) {
    try {
      long t0 = System.nanoTime();
      ServedIndex served = index == null ? ServedIndex.demo(demoLocations) : ServedIndex.open(index);
      state.slot().install(served);
      state.metrics().indexServed(served);
      System.err.printf("corridor: serving %,d locations (%s) after %.1f s%n", served.summary().locations(),
          served.file() == null ? "demo" : served.file(), (System.nanoTime() - t0) / 1e9);
    } catch (IOException | RuntimeException e) {
      System.err.println("corridor: cannot serve " + (index == null ? "the demo index" : index) + ": "
          + e.getMessage());
      loadFailure = e;
    }
  }

  private volatile Exception loadFailure;

  /** Returns why the index failed to load, or null if it loaded or is loading. */
  public Exception loadFailure() {
    return loadFailure;
  }

  /** Waits until the index is loaded (true) or failed to load (false), at most {@code timeout}. */
  public boolean awaitIndex(Duration timeout) throws InterruptedException {
    loader.join(timeout.toMillis());
    return state.slot().loaded();
  }

  /** Returns the port listened on (the one chosen when the settings asked for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Returns the settings the server runs with. */
  public ServerSettings settings() {
    return settings;
  }

  /** Returns what the endpoints share, for tests in this package. */
  ServerState state() {
    return state;
  }

  /** Returns the methods served at each path. */
  public Map<String, Set<String>> routes() {
    return router.served();
  }

  /**
   * Stops gracefully: readiness turns to 503, new corridor requests are refused, the connector
   * stops accepting, and requests in progress run to their end, for the drain timeout at most.
   */
  @Override
  public void close() throws Exception {
    state.draining().set(true);
    try {
      jetty.stop();
    } finally {
      state.metrics().close();
      state.tracing().close();
    }
  }
}

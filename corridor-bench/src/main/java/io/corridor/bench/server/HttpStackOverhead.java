package io.corridor.bench.server;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP stack's own cost, side by side in one JVM: Jetty 12's core handlers against the JDK's
 * built-in {@code com.sun.net.httpserver}, each answering "ok" to keep-alive GETs sent one after
 * another by the JDK's HTTP client; and each one's start time. Run the JVM with
 * {@code -Dsun.net.httpserver.nodelay=true}, or the JDK server waits about 40 ms per answer on
 * Nagle's algorithm.
 *
 * <p>Usage: {@code java -Dsun.net.httpserver.nodelay=true -cp corridor-bench/target/benchmarks.jar
 * io.corridor.bench.server.HttpStackOverhead [requests, default 5000]}
 */
public final class HttpStackOverhead {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private HttpStackOverhead() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    long t0 = System.nanoTime();
    Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("Content-Length", OK.length);
        response.write(true, ByteBuffer.wrap(OK), callback);
        return true;
      }
    });
    jetty.start();
    double jettyStartMs = (System.nanoTime() - t0) / 1e6;
    int jettyPort = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();

    t0 = System.nanoTime();
    HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    jdk.createContext("/", ex -> {
      ex.sendResponseHeaders(200, OK.length);
      ex.getResponseBody().write(OK);
      ex.close();
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    jdk.setExecutor(pool);
    jdk.start();
    double jdkStartMs = (System.nanoTime() - t0) / 1e6;
    int jdkPort = jdk.getAddress().getPort();

    System.out.printf(Locale.ROOT, "start: jetty %.1f ms, jdk httpserver %.1f ms%n", jettyStartMs, jdkStartMs);
    for (int round = 1; round <= 3; round++) {
      double j = perRequestMicros(jettyPort, n);
      double d = perRequestMicros(jdkPort, n);
      System.out.printf(Locale.ROOT, "round %d: jetty %.1f us/request, jdk httpserver %.1f us/request, ratio %.2f%n",
          round, j, d, d / j);
    }
    jetty.stop();
    jdk.stop(0);
    pool.shutdown();
  }

  private static double perRequestMicros(int port, int n) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    for (int i = 0; i < n / 5; i++) {
      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
    return (System.nanoTime() - start) / 1e3 / n;
  }
}

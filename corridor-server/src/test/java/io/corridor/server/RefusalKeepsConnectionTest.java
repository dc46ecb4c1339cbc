package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request refused with 503 because every worker is busy keeps its connection when its body is
 * small: the server reads and drops the body rather than close with it unread, which would make
 * the kernel reset the connection and the client lose the refusal ("premature close" under load).
 * A large body is still refused unread, and the connection closed.
 */
class RefusalKeepsConnectionTest {
  @Test
  void aSmallBodyRefusedForABusyServerLeavesTheConnectionUsable() throws Exception {
    // One worker, no queue, and the seed's slowest filter to keep the worker busy.
    try (TestServer server = TestServer.start(TestServer.settings("max-in-flight", "1", "max-queue", "0",
        "filter-strategy", "baseline", "max-filter-locations", "200000", "request-timeout", "60s"))) {
      byte[] slow = slowBody();
      CompletableFuture<Integer> busy = null;
      for (int tries = 0; tries < 10 && (busy == null || busy.isDone()); tries++) {
        // The slow request takes the one worker; give it time to be admitted before probing.
        busy = CompletableFuture.supplyAsync(() -> {
          try {
            return server.post("/v1/filter", "application/json", slow, java.util.Map.of()).statusCode();
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(500);
      }
      byte[] small = ("{\"route\":" + Fixtures.lineString() + ",\"radius_m\":500,\"locations\":[{\"id\":\"a\",\"points\":[[7.0,46.9]]}]}")
          .getBytes(StandardCharsets.UTF_8);
      byte[] large = OverloadTest.maximalFilterBody(200_000, 10_000);
      boolean sawBusy = false;
      for (int attempt = 0; attempt < 100 && !busy.isDone() && !sawBusy; attempt++) {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
          socket.setSoTimeout(30_000);
          Answer first = exchange(socket, post(small));
          if (first.status == 200) {
            Thread.sleep(50); // the slow request has not taken the worker yet
            continue;
          }
          sawBusy = true;
          assertThat(first.status).isEqualTo(503);
          assertThat(first.headers).doesNotContain("connection: close");
          // The same connection carries the next request.
          Answer second = exchange(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          assertThat(second.status).isEqualTo(200);
        }
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
          socket.setSoTimeout(30_000);
          Answer refusedLarge = exchange(socket, post(large));
          if (refusedLarge.status == 503) {
            // Beyond the size a refusal reads, the body is left unread and the connection closed.
            assertThat(refusedLarge.headers).contains("connection: close");
          }
        }
      }
      assertThat(sawBusy).as("a request met a busy server (the slow one: %s)", busy.handle((v, e) -> e == null ? "status " + v : e.toString()).join()).isTrue();
      assertThat(busy.get(120, TimeUnit.SECONDS)).isEqualTo(200);
    }
  }

  /** A filter body that the haversine baseline takes seconds over: 15 000 locations, a route of 2 000 vertices. */
  private static byte[] slowBody() {
    StringBuilder b = new StringBuilder("{\"route\":{\"type\":\"LineString\",\"coordinates\":[");
    for (int i = 0; i < 2_000; i++) {
      b.append(i == 0 ? "" : ",").append('[').append(6.6 + i * 0.001).append(',').append(46.5 + (i % 2) * 0.002).append(']');
    }
    b.append("]},\"radius_m\":1000,\"locations\":[");
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 15_000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"points\":[[")
          .append(6.6 + r.nextDouble() * 2).append(',').append(46.5 + r.nextDouble() * 0.1).append("]]}");
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] post(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("POST /v1/filter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private record Answer(int status, String headers) {}

  /** Sends a request on the socket and reads one answer with a Content-Length body. */
  private static Answer exchange(Socket socket, byte[] request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request);
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the answer's headers ended: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int status = Integer.parseInt(headers.substring(9, 12));
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    in.readNBytes(length);
    return new Answer(status, headers);
  }
}

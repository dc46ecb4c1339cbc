package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping drains: requests in progress finish, new ones are refused, readiness turns off first. */
class ShutdownTest {
  @Test
  void requestsInProgressFinishAndNewConnectionsAreRefused() throws Exception {
    TestServer http = TestServer.start(TestServer.settings("drain-timeout", "20s"));
    int port = http.server.port();
    byte[] body = Fixtures.filterBody(Fixtures.locations(100, 4), 2000).toString().getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/filter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, body.length / 2);
      out.flush();
      for (int i = 0; i < 200 && http.server.state().admission().inProgress() == 0; i++) {
        Thread.sleep(20);
      }
      assertThat(http.server.state().admission().inProgress()).as("the request is being worked on").isEqualTo(1);
      long start = System.nanoTime();
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
        try {
          http.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(700);
      assertThat(stopped).as("waits for the request in progress").isNotDone();
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      byte[] answer = s.getInputStream().readNBytes(4096);
      assertThat(new String(answer, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
      stopped.get();
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void drainingRefusesNewCorridorRequestsAndTurnsReadinessOff() throws Exception {
    try (TestServer http = TestServer.start(TestServer.settings())) {
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      http.server.state().draining().set(true);
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
      var r = http.post("/v1/filter", Fixtures.filterBody(Fixtures.locations(5, 1), 100).toString());
      EndpointsTest.assertProblem(r, 503, null);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
    }
  }
}

package io.corridor.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server in a JVM of its own (for a small heap), started with settings as {@code key=value}
 * arguments; it prints its port on standard output and stops when standard input closes.
 */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final int port;
  final Path stderr;

  private ServerProcess(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /** Runs a server: {@code key=value} settings, then waits on standard input. */
  public static void main(String[] args) throws Exception {
    Map<Setting, String> flags = new java.util.EnumMap<>(Setting.class);
    for (String a : args) {
      int eq = a.indexOf('=');
      flags.put(Setting.byKey(a.substring(0, eq)), a.substring(eq + 1));
    }
    ServerSettings settings = ServerSettings.resolve(flags, Map.of(), null).withPort(0);
    try (CorridorServer server = CorridorServer.start(settings, Tracing.create(null), null, TestServer.DEMO_LOCATIONS)) {
      server.awaitIndex(Duration.ofSeconds(120));
      System.out.println(server.port());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // Runs until the parent closes our standard input.
      }
    }
  }

  /** Starts a server JVM with these JVM options and settings, and waits until it is ready. */
  static ServerProcess start(List<String> jvmOptions, String... settings) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ServerProcess.class.getName());
    cmd.addAll(List.of(settings));
    Path err = Files.createTempFile("corridor-server", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = p.getInputStream().read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    if (line.length() == 0) {
      p.destroyForcibly();
      throw new IllegalStateException("server process did not start: " + Files.readString(err));
    }
    return new ServerProcess(p, Integer.parseInt(line.toString().strip()), err);
  }

  HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    try (OutputStream in = process.getOutputStream()) {
      // Closing standard input stops the server.
    }
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(stderr);
  }
}

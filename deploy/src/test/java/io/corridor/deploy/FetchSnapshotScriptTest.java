package io.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's init container script (files/fetch-snapshot.sh) run with the machine's sh, curl and
 * sha256sum against a local HTTP server: the final path holds either nothing, the previous
 * snapshot, or the complete and verified new one, never a partial or wrong file.
 */
class FetchSnapshotScriptTest {

  private static final Path SCRIPT = RenderedChart.CHART.resolve("files/fetch-snapshot.sh");

  @TempDir Path volume;

  @BeforeAll
  static void toolsArePresent() throws Exception {
    for (String tool : List.of("sh", "curl", "sha256sum", "mktemp")) {
      Process process = new ProcessBuilder("sh", "-c", "command -v " + tool)
          .redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      assertThat(process.waitFor())
          .as("the snapshot fetch script needs %s on the PATH (Debian: apt-get install curl coreutils)",
              tool)
          .isZero();
    }
  }

  private final byte[] snapshot = bytes(1, 300_000);
  private final byte[] newer = bytes(2, 200_000);

  @Test
  void downloadsVerifiesAndRenamesIntoPlace() throws Exception {
    try (var server = serving(Map.of("/s.corridx", snapshot))) {
      Result run = fetch(server.url("/s.corridx?sig=secret"), sha256(snapshot));
      assertThat(run.status()).as(run.output()).isZero();
      assertThat(Files.readAllBytes(volume.resolve("locations.corridx"))).isEqualTo(snapshot);
      assertThat(run.output()).doesNotContain("secret");
      assertThat(leftovers()).isEmpty();
    }
  }

  @Test
  void keepsAFileAlreadyFetchedFromTheSameUrlWithoutDownloadingAgain() throws Exception {
    try (var server = serving(Map.of("/s.corridx", snapshot))) {
      assertThat(fetch(server.url("/s.corridx"), sha256(snapshot)).status()).isZero();
      int requests = server.requests();
      Result again = fetch(server.url("/s.corridx"), sha256(snapshot));
      assertThat(again.status()).as(again.output()).isZero();
      assertThat(server.requests()).isEqualTo(requests);
    }
  }

  @Test
  void aNewUrlReplacesTheSnapshotOnlyOnceVerified() throws Exception {
    try (var server = serving(Map.of("/old.corridx", snapshot, "/new.corridx", newer))) {
      assertThat(fetch(server.url("/old.corridx"), "").status()).isZero();

      Result wrong = fetch(server.url("/new.corridx"), sha256(snapshot));
      assertThat(wrong.status()).isNotZero();
      assertThat(wrong.output()).contains("SHA-256");
      assertThat(Files.readAllBytes(volume.resolve("locations.corridx"))).isEqualTo(snapshot);
      assertThat(leftovers()).isEmpty();

      Result right = fetch(server.url("/new.corridx"), sha256(newer).toUpperCase());
      assertThat(right.status()).as(right.output()).isZero();
      assertThat(Files.readAllBytes(volume.resolve("locations.corridx"))).isEqualTo(newer);
    }
  }

  @Test
  void aTruncatedOrMissingDownloadLeavesNothingAtTheFinalPath() throws Exception {
    try (var server = new LocalHttpServer(exchange -> {
      if (exchange.getRequestURI().getPath().equals("/truncated")) {
        // Promise the whole file, send half of it, hang up.
        exchange.sendResponseHeaders(200, snapshot.length);
        exchange.getResponseBody().write(snapshot, 0, snapshot.length / 2);
        exchange.getResponseBody().flush();
        exchange.close();
      } else {
        LocalHttpServer.respond(exchange, 404, new byte[0]);
      }
    })) {
      for (String path : List.of("/truncated", "/missing")) {
        Result run = fetch(server.url(path), "");
        assertThat(run.status()).as(path).isNotZero();
        assertThat(volume.resolve("locations.corridx")).doesNotExist();
        assertThat(leftovers()).as(path).isEmpty();
      }
    }
  }

  @Test
  void aPartialFileFromAnInterruptedRunIsRemoved() throws Exception {
    Files.write(volume.resolve("locations.corridx.partial.AbC123"), newer);
    try (var server = serving(Map.of("/s.corridx", snapshot))) {
      assertThat(fetch(server.url("/s.corridx"), "").status()).isZero();
      assertThat(leftovers()).isEmpty();
      assertThat(Files.readAllBytes(volume.resolve("locations.corridx"))).isEqualTo(snapshot);
    }
  }

  // --- helpers

  private record Result(int status, String output) {}

  private Result fetch(String url, String sha256) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("SNAPSHOT_URL", url, "SNAPSHOT_SHA256", sha256,
        "SNAPSHOT_DIR", volume.toString(), "SNAPSHOT_FILE", "locations.corridx"));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  /** Files other than the snapshot and its marker: temporary downloads left behind. */
  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(volume)) {
      return files.filter(p -> !p.getFileName().toString().equals("locations.corridx")
          && !p.getFileName().toString().equals("locations.corridx.source")).toList();
    }
  }

  private static LocalHttpServer serving(Map<String, byte[]> files) throws IOException {
    return new LocalHttpServer(exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      LocalHttpServer.respond(exchange, body == null ? 404 : 200, body == null ? new byte[0] : body);
    });
  }

  private static byte[] bytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

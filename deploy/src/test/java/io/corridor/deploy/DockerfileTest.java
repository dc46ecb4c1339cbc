package io.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Dockerfile without a container engine: its stages, the user, port,
 * entry point and command, that the build context keeps what the build reads, and that the
 * HEALTHCHECK command tells a live service from one that is not.
 */
class DockerfileTest {

  private static final Path ROOT = Path.of("..");

  /** One instruction: its keyword in upper case and the rest of its (joined) line. */
  private record Instruction(String keyword, String arguments) {}

  @Test
  void buildsWithTheWrapperAndRunsOnAJreAsAnUnprivilegedUser() throws IOException {
    List<Instruction> instructions = instructions();
    List<Instruction> stages = instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0).arguments()).matches("eclipse-temurin:\\d+-jdk AS build");
    assertThat(stages.get(1).arguments()).matches("eclipse-temurin:\\d+-jre AS runtime");
    int runtime = instructions.indexOf(stages.get(1));
    List<Instruction> build = instructions.subList(0, runtime);
    List<Instruction> run = instructions.subList(runtime, instructions.size());

    assertThat(build).anyMatch(i -> i.keyword().equals("RUN")
        && i.arguments().contains("./mvnw") && i.arguments().contains("-pl corridor-cli -am package"));
    assertThat(run).anyMatch(i -> i.keyword().equals("COPY")
        && i.arguments().startsWith("--from=build ") && i.arguments().contains("corridor.jar"));

    List<String> users = run.stream().filter(i -> i.keyword().equals("USER"))
        .map(Instruction::arguments).toList();
    assertThat(users).hasSize(1);
    assertThat(users.get(0)).matches("[1-9]\\d*:[1-9]\\d*");
    assertThat(one(run, "EXPOSE")).isEqualTo("8080");

    List<String> entrypoint = execForm(one(run, "ENTRYPOINT"));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
        .containsExactly("-jar", "/app/corridor.jar");
    List<String> command = execForm(one(run, "CMD"));
    assertThat(command.get(0)).isEqualTo("serve");
    assertThat(command.get(command.indexOf("--host") + 1)).isEqualTo("0.0.0.0");
    assertThat(command.get(command.indexOf("--port") + 1)).isEqualTo("8080");
    assertThat(one(run, "HEALTHCHECK")).contains("/health/live");
  }

  @Test
  void theBuildContextKeepsWhatTheBuildReads() throws IOException {
    List<Pattern> ignored = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve(".dockerignore"))) {
      String pattern = line.strip();
      if (!pattern.isEmpty() && !pattern.startsWith("#")) {
        assertThat(pattern).as("exceptions are not used").doesNotStartWith("!");
        ignored.add(glob(pattern));
      }
    }
    List<String> needed = new ArrayList<>(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties",
        "pom.xml", "deploy/pom.xml", "corridor-cli/src/main/java/io/corridor/cli/CorridorCommand.java"));
    try (var modules = Files.list(ROOT)) {
      modules.filter(p -> p.getFileName().toString().startsWith("corridor-"))
          .forEach(p -> needed.add(p.getFileName() + "/pom.xml"));
    }
    for (String path : needed) {
      assertThat(ROOT.resolve(path)).exists();
      assertThat(ignoredBy(ignored, path)).as(path).isFalse();
    }
    for (String path : List.of(".git/HEAD", "corridor-cli/target/corridor.jar", "europe.corridx",
        "corridor-core/target/classes/x.class", "deploy/helm/corridor/values.yaml")) {
      assertThat(ignoredBy(ignored, path)).as(path).isTrue();
    }
  }

  @Test
  void theHealthCheckPassesOnlyWhileTheServiceSaysItIsLive() throws Exception {
    List<String> healthCheck = execForm(one(instructions(), "HEALTHCHECK")
        .replaceFirst("^(--\\S+\\s+)*CMD\\s+", ""));
    AtomicInteger status = new AtomicInteger(200);
    try (var server = new LocalHttpServer(exchange -> {
      boolean live = exchange.getRequestURI().getPath().equals("/health/live");
      LocalHttpServer.respond(exchange, live ? status.get() : 404,
          "{}".getBytes(StandardCharsets.UTF_8));
    })) {
      assertThat(run(healthCheck, server.port())).isZero();
      status.set(503);
      assertThat(run(healthCheck, server.port())).isNotZero();
    }
    assertThat(run(healthCheck, LocalHttpServer.freePort())).isNotZero();
  }

  // --- helpers

  private static List<Instruction> instructions() throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
      String stripped = line.strip();
      if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      String text = current.toString().strip();
      int space = text.indexOf(' ');
      instructions.add(new Instruction(text.substring(0, space).toUpperCase(),
          text.substring(space + 1).strip().replaceAll("\\s+", " ")));
      current.setLength(0);
    }
    return instructions;
  }

  private static String one(List<Instruction> instructions, String keyword) {
    List<String> found = instructions.stream().filter(i -> i.keyword().equals(keyword))
        .map(Instruction::arguments).toList();
    assertThat(found).as(keyword).hasSize(1);
    return found.get(0);
  }

  /** The JSON array of an exec-form instruction (the form that makes java process 1). */
  private static List<String> execForm(String arguments) throws IOException {
    JsonNode array = JsonMapper.builder().build().readTree(arguments);
    assertThat(array.isArray()).as("exec form: %s", arguments).isTrue();
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
        if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
          regex.append("/?");
          i++;
        }
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  /** As Docker does: a path is excluded if it or one of its parent directories matches. */
  private static boolean ignoredBy(List<Pattern> patterns, String path) {
    String prefix = path;
    while (true) {
      for (Pattern pattern : patterns) {
        if (pattern.matcher(prefix).matches()) {
          return true;
        }
      }
      int slash = prefix.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      prefix = prefix.substring(0, slash);
    }
  }

  private static int run(List<String> command, int port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CORRIDOR_PORT", String.valueOf(port));
    Process process = builder.start();
    process.getOutputStream().close();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }
}

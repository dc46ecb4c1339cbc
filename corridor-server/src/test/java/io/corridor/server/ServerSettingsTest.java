package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each setting from flag, else environment, else configuration file, else default. */
class ServerSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ServerSettings s = ServerSettings.defaults();
    assertThat(s.index()).isNull();
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.adminToken()).isNull();
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxInFlight()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    assertThat(s.maxQueue()).isEqualTo(Integer.parseInt(Setting.MAX_QUEUE.defaultValue()));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxBodyBytes()).isEqualTo(16L << 20);
    assertThat(s.otlpEndpoint()).isNull();
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("corridor.yaml");
    Files.writeString(yaml, "port: 9001\nmax-queue: 7\nmax-limit: 11\ndrain-timeout: 5s\n");
    Map<String, String> env = Map.of("CORRIDOR_PORT", "9002", "CORRIDOR_MAX_QUEUE", "8", "CORRIDOR_ADMIN_TOKEN", "t0k");
    ServerSettings s = ServerSettings.resolve(Map.of(Setting.PORT, "9003"), env, yaml);
    assertThat(s.port()).isEqualTo(9003);
    assertThat(s.maxQueue()).isEqualTo(8);
    assertThat(s.maxLimit()).isEqualTo(11);
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.adminToken()).isEqualTo("t0k");
    assertThat(s.maxRadiusMeters()).isEqualTo(Double.parseDouble(Setting.MAX_RADIUS_M.defaultValue()));

    Path props = dir.resolve("corridor.properties");
    Files.writeString(props, "request-timeout=250ms\nhost=0.0.0.0\n");
    ServerSettings p = ServerSettings.resolve(Map.of(), Map.of(), props);
    assertThat(p.requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(p.host()).isEqualTo("0.0.0.0");
  }

  @Test
  void aBadValueNamesWhereItCameFrom(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(Setting.MAX_IN_FLIGHT, "zero"), Map.of(), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--max-in-flight").hasMessageContaining("zero");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), Map.of("CORRIDOR_DRAIN_TIMEOUT", "soon"), null))
        .hasMessageContaining("CORRIDOR_DRAIN_TIMEOUT");
    Path yaml = dir.resolve("bad.yml");
    Files.writeString(yaml, "prot: 80\n");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), Map.of(), yaml))
        .hasMessageContaining("bad.yml").hasMessageContaining("prot");
    Files.writeString(yaml, "port: 70000\n");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), Map.of(), yaml)).hasMessageContaining("bad.yml: port");
  }

  @Test
  void everySettingHasAFlagAnEnvironmentVariableAndADescription() {
    for (Setting s : Setting.values()) {
      assertThat(s.flag()).startsWith("--").doesNotContain("_");
      assertThat(s.environmentVariable()).isEqualTo("CORRIDOR_" + s.flag().substring(2).toUpperCase().replace('-', '_'));
      assertThat(s.description()).isNotBlank();
    }
  }

  @Test
  void theReadmeTableListsEverySettingWithItsVariableAndDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting s : Setting.values()) {
      String row = "| `" + s.flag() + "` | `" + s.environmentVariable() + "` | ";
      assertThat(readme).contains(row);
      if (s.defaultValue().matches("[0-9a-z.]+")) {
        assertThat(readme).contains(row + "`" + s.defaultValue() + "` |");
      }
    }
  }
}

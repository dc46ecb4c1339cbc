package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of Gatling's binary log, on a log that Gatling 3.15.1 wrote during a 6-second run of
 * the filter pool (seed 1) at 4, 8 and 12 arrivals per second against a stand-in responder that
 * answered 503 to every tenth request. The expected figures come from outside the reader: the
 * responder's own log (48 requests, 44 answered 200 and 4 answered 503) and the first 48 lines of
 * the pool's manifest (request names).
 */
class SimulationLogTest {
  @TempDir Path temp;

  private Path fixture() throws IOException {
    Path file = temp.resolve("simulation.log");
    try (InputStream in = getClass().getResourceAsStream("/gatling-3.15.1-simulation.log")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void readsTheRunAndEveryResponse() throws IOException {
    SimulationLog log = SimulationLog.read(fixture());
    assertThat(log.run().gatlingVersion()).isEqualTo("3.15.1");
    assertThat(log.run().simulationClass()).isEqualTo("io.corridor.load.CorridorSimulation");
    assertThat(log.run().description()).isEqualTo("corridor-load start=4 increment=4 steps=3 step-seconds=2");
    assertThat(log.responses()).hasSize(48);
    assertThat(log.responses().stream().filter(r -> !r.ok()).count()).isEqualTo(4);
    assertThat(log.responses().stream().filter(r -> !r.ok()))
        .allSatisfy(r -> assertThat(r.message()).contains("503"));
    assertThat(log.responses().stream().filter(SimulationLog.Response::ok))
        .allSatisfy(r -> assertThat(r.message()).isEmpty());
    Map<String, Long> byName = log.responses().stream()
        .collect(Collectors.groupingBy(SimulationLog.Response::name, Collectors.counting()));
    assertThat(byName).containsOnly(
        Map.entry("filter_long_corridor_many_filtered_out", 14L),
        Map.entry("filter_long_narrow_corridor_few_total", 13L),
        Map.entry("filter_medium_corridor", 10L),
        Map.entry("filter_small_corridor", 11L));
    assertThat(log.responses()).allSatisfy(r -> {
      assertThat(r.startMillis()).isGreaterThanOrEqualTo(log.arrivalMillis()[0]);
      assertThat(r.millis()).isGreaterThanOrEqualTo(0);
    });
    // 48 arrivals over 6 s: the last request starts within the planned length of the run.
    int lastStart = log.responses().stream().mapToInt(SimulationLog.Response::startMillis).max().orElseThrow();
    assertThat(log.arrivalMillis()).hasSize(48);
    assertThat(lastStart - log.arrivalMillis()[0]).isBetween(5_000, 6_500);
  }

  @Test
  void theStepsComeBackFromTheRunDescription() throws IOException {
    LoadPlan.Steps steps = LoadPlan.steps(SimulationLog.read(fixture()).run().description());
    assertThat(steps).isEqualTo(new LoadPlan.Steps(4, 4, 3, 2, 0));
    assertThat(steps.ratePerSecond(2)).isEqualTo(12);
    assertThat(LoadPlan.steps("a run of my own")).isNull();
  }

  @Test
  void aTruncatedLogIsRefusedWithItsName() throws IOException {
    Path file = fixture();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> SimulationLog.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("cut short");
  }

  @Test
  void aLogOfAnotherGatlingLineIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0);
    byte[] version = "3.11.5".getBytes(StandardCharsets.ISO_8859_1);
    out.writeInt(version.length);
    out.write(version);
    out.writeByte(0);
    Path file = temp.resolve("old.log");
    Files.write(file, bytes.toByteArray());
    assertThatThrownBy(() -> SimulationLog.read(file)).isInstanceOf(IOException.class).hasMessageContaining("3.11.5");
    Files.writeString(file, "RUN\tsimulation\ttext log of Gatling 3.9\n");
    assertThatThrownBy(() -> SimulationLog.read(file)).hasMessageContaining("not a Gatling simulation.log");
  }
}

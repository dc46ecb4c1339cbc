package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The report on the Gatling log of {@link SimulationLogTest}: its steps account for every request
 * and error the stand-in responder logged (48 requests, 4 answered 503), and its chart is SVG.
 */
class LoadReportTest {
  @TempDir Path temp;

  @Test
  void theStepsAccountForEveryRequestAndError() throws Exception {
    Path run = temp.resolve("run");
    Files.createDirectories(run);
    try (InputStream in = getClass().getResourceAsStream("/gatling-3.15.1-simulation.log")) {
      Files.copy(in, run.resolve("simulation.log"));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LoadReport report = new LoadReport();
    report.p99TargetMillis = 50;
    LatencyChart.Panel panel = report.report("fixture", LoadReport.logFile(temp.resolve("run")),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);

    Matcher step = Pattern.compile("(?m)^\\| (\\d) \\| (\\d+) \\| [0-9.]+ \\| (\\d+) \\| (\\d+) \\|").matcher(text);
    int steps = 0;
    int requests = 0;
    int errors = 0;
    while (step.find()) {
      steps++;
      assertThat(Integer.parseInt(step.group(2))).isEqualTo(4 * steps);
      requests += Integer.parseInt(step.group(3));
      errors += Integer.parseInt(step.group(4));
    }
    assertThat(steps).isEqualTo(3);
    assertThat(requests).isEqualTo(48);
    assertThat(errors).isEqualTo(4);
    assertThat(text).contains("- 4 × status.find.lessThan(300), 503 is not less than 300");
    assertThat(panel.perSecond().stream().mapToInt(LatencyStats::requests).sum()).isEqualTo(48);

    String svg = LatencyChart.svg("A <title> & more", List.of(panel, panel));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    // Five series (mean, p50, p95, p98, p99) per panel.
    assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(10);
  }

  @Test
  void aFolderOfRunsGivesItsNewest() throws IOException {
    for (String name : new String[] {"corridorsimulation-20260101000000000", "corridorsimulation-20260102000000000"}) {
      Files.createDirectories(temp.resolve(name));
      Files.writeString(temp.resolve(name).resolve("simulation.log"), "");
    }
    assertThat(LoadReport.logFile(temp))
        .isEqualTo(temp.resolve("corridorsimulation-20260102000000000").resolve("simulation.log"));
  }
}

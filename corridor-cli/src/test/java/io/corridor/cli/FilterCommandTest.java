package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code corridor filter} end to end, on a route along the equator where every expected figure is
 * worked by hand: one degree of arc is R·π/180 = 111 195.08 m on the sphere of R = 6 371 008.8 m.
 */
class FilterCommandTest {
  private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path equatorRoute() throws IOException {
    return write("route.geojson", "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,0]]}");
  }

  private Path locations() throws IOException {
    // b: 0.001° north of the route's midpoint: 111.195 m away, offset 0.5° = 55 597.54 m.
    // a: 0.0005° south of 0.25°E: 55.598 m away, offset 27 798.77 m.
    // c: beyond the end, 0.001° east of (0, 1): 111.195 m from the last vertex, offset 1° of arc.
    // far: 0.01° north: 1 111.95 m away, outside a 200 m corridor.
    // twin: two points; the nearer (0.0002° = 22.239 m, at 0.75°E) decides distance and offset.
    return write("places.csv", """
        id,lat,lon,name
        b,0.001,0.5,"North, of midpoint"
        a,-0.0005,0.25,South
        c,0,1.001,Beyond the end
        far,0.01,0.5,Far
        twin,0.0015,0.6,First entrance
        twin,-0.0002,0.75,Second entrance
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "pre_bbox", "baseline"})
  void filtersSortsAndMeasuresLikeTheHandWorkedCase(String strategy) throws IOException {
    Path out = dir.resolve("out.csv");
    int status = CorridorCommand.run("filter", "--route", equatorRoute().toString(), "--radius", "200",
        "--locations", locations().toString(), "--output", out.toString(), "--strategy", strategy);

    assertThat(status).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("id,distance_m,offset_m");
    assertRow(lines.get(1), "a", 0.0005 * METRES_PER_DEGREE, 0.25 * METRES_PER_DEGREE);
    assertRow(lines.get(2), "b", 0.001 * METRES_PER_DEGREE, 0.5 * METRES_PER_DEGREE);
    assertRow(lines.get(3), "twin", 0.0002 * METRES_PER_DEGREE, 0.75 * METRES_PER_DEGREE);
    assertRow(lines.get(4), "c", 0.001 * METRES_PER_DEGREE, 1.0 * METRES_PER_DEGREE);
  }

  private static void assertRow(String line, String id, double distance, double offset) {
    String[] f = line.split(",");
    assertThat(f[0]).isEqualTo(id);
    assertThat(f[1]).matches("\\d+\\.\\d{3}");
    assertThat(Double.parseDouble(f[1])).isCloseTo(distance, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Double.parseDouble(f[2])).isCloseTo(offset, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void writesGeoJsonWithDistanceAndOffsetInProperties() throws IOException {
    Path out = dir.resolve("out.geojson");
    int status = CorridorCommand.run("filter", "--route", equatorRoute().toString(), "--radius", "200",
        "--locations", locations().toString(), "--output", out.toString(), "--format", "geojson");

    assertThat(status).isZero();
    String json = Files.readString(out);
    assertThat(json).startsWith("{\"type\":\"FeatureCollection\"");
    assertThat(json).contains("\"distance_m\":111.195").contains("\"name\":\"North, of midpoint\"");
    assertThat(json).doesNotContain("\"far\"");
  }

  @Test
  void refusesABadRowWithStatusTwoNamingFileAndLineAndWritesNothing() throws IOException {
    Path bad = write("bad.csv", "id,lat,lon\nok,0,0.5\nwrong,91.2,0.5\n");
    Path out = dir.resolve("out.csv");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "filter", "--route",
        equatorRoute().toString(), "--radius", "200", "--locations", bad.toString(),
        "--output", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv").contains("line 3").contains("latitude 91.2");
    assertThat(out).doesNotExist();
    assertThat(dir).isDirectoryNotContaining("glob:**/*.tmp*");
  }

  @Test
  void refusesANonPositiveRadiusNamingTheOption() throws IOException {
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "filter", "--route",
        equatorRoute().toString(), "--radius", "0", "--locations", locations().toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--radius").contains("greater than 0");
  }

  @Test
  void refusesAnUnknownFormatOrStrategyAsAUsageError() throws IOException {
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "filter", "--route",
        equatorRoute().toString(), "--radius", "10", "--locations", locations().toString(),
        "--strategy", "quick");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("unknown strategy 'quick'");
  }

  @Test
  void refusesAntipodalRouteVertices() throws IOException {
    Path route = write("antipodal.geojson", "{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}");
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "filter", "--route",
        route.toString(), "--radius", "10", "--locations", locations().toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("antipodal.geojson").contains("vertices 1 and 2 are antipodal");
  }
}

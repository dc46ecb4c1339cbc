package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route facade: paths, strings and bytes, the format told by content, options as a value. */
class RoutesTest {
  @TempDir Path dir;

  private static final String GEOJSON =
      "{\"type\":\"LineString\",\"coordinates\":[[-120.2,38.5],[-120.95,40.7],[-126.453,43.252]]}";
  private static final String GPX = "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"t\""
      + " xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>"
      + "<trkpt lat=\"38.5\" lon=\"-120.2\"/><trkpt lat=\"40.7\" lon=\"-120.95\"/>"
      + "<trkpt lat=\"43.252\" lon=\"-126.453\"/></trkseg></trk></gpx>";
  private static final double[][] VERTICES = {{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}};

  @Test
  void parsesEveryFormatFromAStringAndFromBytes() {
    for (String content : new String[] {GEOJSON, GPX, PolylineCodecTest.GOOGLE_P5}) {
      assertVertices(Routes.parse(content));
      assertVertices(Routes.parse(content.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void readsAPolylineAtThePrecisionTheOptionsGive() throws IOException {
    RouteOptions six = RouteOptions.defaults().withPolylinePrecision(6);
    assertVertices(Routes.parse(PolylineCodecTest.GOOGLE_P6, six));
    assertVertices(Routes.read(Files.writeString(dir.resolve("r6.txt"), PolylineCodecTest.GOOGLE_P6), six));
    assertVertices(Routes.read(Files.writeString(dir.resolve("r.geojson"), GEOJSON)));
    // A precision-5 polyline read at precision 6 lands ten times closer to (0, 0).
    assertThat(Routes.parse(PolylineCodecTest.GOOGLE_P5, six).latDegrees(0)).isEqualTo(3.85);
  }

  @Test
  void namesTheSourceInErrors() {
    assertThatThrownBy(() -> Routes.parse("{\"type\":\"Polygon\",\"coordinates\":[]}",
        RouteOptions.defaults().withSourceName("request body")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("request body: ")
        .hasMessageContaining("Polygon");
    assertThatThrownBy(() -> Routes.parse("_p~iF")).hasMessageStartingWith("route: polyline ends");
    Path missing = dir.resolve("nope.gpx");
    assertThatThrownBy(() -> Routes.read(missing)).hasMessage(missing + ": no such file");
  }

  @Test
  void refusesAPrecisionThePolylineFormatCannotHold() {
    assertThatThrownBy(() -> RouteOptions.defaults().withPolylinePrecision(8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
    assertThatThrownBy(() -> RouteOptions.defaults().withPolylinePrecision(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertVertices(Route r) {
    assertThat(r.size()).isEqualTo(VERTICES.length);
    for (int i = 0; i < VERTICES.length; i++) {
      assertThat(r.latDegrees(i)).as("lat %d", i).isEqualTo(VERTICES[i][0]);
      assertThat(r.lonDegrees(i)).as("lon %d", i).isEqualTo(VERTICES[i][1]);
    }
  }
}

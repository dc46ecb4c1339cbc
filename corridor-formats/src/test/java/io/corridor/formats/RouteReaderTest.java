package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private String at(String name) {
    return dir.resolve(name).toString();
  }

  private Route read(String name, String content) throws IOException {
    return RouteReader.read(file(name, content), 5);
  }

  private static void assertVertices(Route r, double[]... latLon) {
    assertThat(r.size()).isEqualTo(latLon.length);
    for (int i = 0; i < latLon.length; i++) {
      assertThat(r.latDegrees(i)).as("lat %d", i).isEqualTo(latLon[i][0]);
      assertThat(r.lonDegrees(i)).as("lon %d", i).isEqualTo(latLon[i][1]);
    }
  }

  // GeoJSON

  @Test
  void readsLineStringGeometry() throws IOException {
    Route r = read("r.geojson", "{\"type\":\"LineString\",\"coordinates\":[[2.35,48.85],[4.83,45.76,170]]}");
    assertVertices(r, new double[] {48.85, 2.35}, new double[] {45.76, 4.83});
  }

  @Test
  void readsPointGeometryAsOneVertexRoute() throws IOException {
    Route r = read("r.geojson", "{\"coordinates\":[2.35,48.85],\"type\":\"Point\"}");
    assertVertices(r, new double[] {48.85, 2.35});
  }

  @Test
  void readsFeatureAndOneFeatureCollection() throws IOException {
    String feature = "{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},"
        + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}";
    assertVertices(read("f.geojson", feature), new double[] {0, 0}, new double[] {1, 1});
    assertVertices(read("fc.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}"),
        new double[] {0, 0}, new double[] {1, 1});
  }

  @Test
  void sniffsGeoJsonInATxtFile() throws IOException {
    Route r = read("route.txt", "\uFEFF\n  {\"type\":\"Point\",\"coordinates\":[1,2]}\n");
    assertVertices(r, new double[] {2, 1});
  }

  @Test
  void refusesMalformedJsonNamingFileAndLine() throws IOException {
    assertThatThrownBy(() -> read("bad.geojson", "{\n\"type\": \"LineString\",\n\"coordinates\": [[0,0],]\n}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(at("bad.geojson") + ": line 3, column ")
        .hasMessageContaining("malformed JSON: ");
  }

  @Test
  void refusesAVertexOutOfRangeNamingIt() throws IOException {
    assertThatThrownBy(() -> read("r.geojson",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[2,2],[3,91.5]]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(at("r.geojson") + ": route vertex 4: latitude 91.5 is outside [-90, 90]");
    assertThatThrownBy(() -> read("r.geojson",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[181,1]]}"))
        .hasMessage(at("r.geojson") + ": route vertex 2: longitude 181.0 is outside [-180, 180]");
  }

  @Test
  void refusesShortOrNonNumericPositions() throws IOException {
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1]]}"))
        .hasMessage(at("r.geojson") + ": route vertex 2: a position must be an array of at least two numbers"
            + " [lon, lat], found [1]");
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"Point\",\"coordinates\":[\"1\",2]}"))
        .hasMessageStartingWith(at("r.geojson") + ": route vertex 1: a position must be");
  }

  @Test
  void refusesOtherGeometriesAndCollections() throws IOException {
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"Polygon\",\"coordinates\":[]}"))
        .hasMessage(at("r.geojson") + ": geometry type \"Polygon\" is not a route: expected a LineString or a Point");
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}"))
        .hasMessage(at("r.geojson") + ": a route FeatureCollection must hold exactly one feature, this one holds 0");
    assertThatThrownBy(() -> read("r.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null}]}"))
        .hasMessage(at("r.geojson") + ": feature 1: the feature has no geometry");
    assertThatThrownBy(() -> read("r.geojson", "[1,2]"))
        .hasMessage(at("r.geojson") + ": the GeoJSON is not a JSON object, found [1,2]");
    assertThatThrownBy(() -> read("r.geojson", "{\"coordinates\":[1,2]}"))
        .hasMessage(at("r.geojson") + ": the GeoJSON has no \"type\" member");
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"LineString\",\"coordinates\":[]}"))
        .hasMessage(at("r.geojson") + ": the route has no vertex");
  }

  @Test
  void refusesAntipodalVertices() throws IOException {
    assertThatThrownBy(() -> read("r.geojson", "{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}"))
        .hasMessageStartingWith(at("r.geojson") + ": route vertices 1 and 2 are antipodal");
  }

  @Test
  void fromGeoJsonReadsAParsedTree() throws IOException {
    Route r = RouteReader.fromGeoJson(
        Json.MAPPER.readTree("{\"type\":\"LineString\",\"coordinates\":[[0,1],[2,3]]}"));
    assertVertices(r, new double[] {1, 0}, new double[] {3, 2});
  }

  // GPX

  private static final String GPX_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n";

  @Test
  void readsAllSegmentsOfTheFirstTrackInOrder() throws IOException {
    Route r = read("t.gpx", GPX_HEAD
        + "<rte><rtept lat=\"9\" lon=\"9\"/></rte>\n"
        + "<trk><name>first</name>\n"
        + "<trkseg><trkpt lat=\"1\" lon=\"2\"><ele>5</ele></trkpt><trkpt lat=\"3\" lon=\"4\"/></trkseg>\n"
        + "<trkseg><trkpt lat=\"5\" lon=\"6\"/></trkseg>\n"
        + "</trk>\n"
        + "<trk><trkseg><trkpt lat=\"7\" lon=\"8\"/></trkseg></trk>\n"
        + "</gpx>\n");
    assertVertices(r, new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
  }

  @Test
  void readsTheFirstRouteWhenThereIsNoTrack() throws IOException {
    Route r = read("r.xml", GPX_HEAD
        + "<wpt lat=\"0\" lon=\"0\"/>\n"
        + "<rte><rtept lat=\"-1.5\" lon=\"2.5\"/><rtept lat=\"-3\" lon=\"4\"/></rte>\n"
        + "<rte><rtept lat=\"7\" lon=\"8\"/></rte>\n"
        + "</gpx>");
    assertVertices(r, new double[] {-1.5, 2.5}, new double[] {-3, 4});
  }

  @Test
  void readsGpx10() throws IOException {
    Route r = read("r.gpx", "<gpx version=\"1.0\" creator=\"x\" xmlns=\"http://www.topografix.com/GPX/1/0\">"
        + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>");
    assertVertices(r, new double[] {1, 2});
  }

  @Test
  void refusesMalformedXmlNamingLineAndColumn() throws IOException {
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/>\n</trk>"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(at("t.gpx") + ": line 4, column ")
        .hasMessageContaining(": malformed XML: ");
  }

  @Test
  void refusesABadGpxPointRatherThanDroppingIt() throws IOException {
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD
        + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/><trkpt lat=\"91\" lon=\"2\"/></trkseg></trk></gpx>"))
        .hasMessage(at("t.gpx") + ": line 3: route vertex 2 (<trkpt>): latitude 91.0 is outside [-90, 90]");
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD
        + "<trk><trkseg><trkpt lat=\"x\" lon=\"2\"/></trkseg></trk></gpx>"))
        .hasMessage(at("t.gpx") + ": line 3: route vertex 1 (<trkpt>): lat \"x\" is not a decimal number");
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD
        + "<trk><trkseg><trkpt lat=\"0x1p5\" lon=\"2\"/></trkseg></trk></gpx>"))
        .hasMessage(at("t.gpx") + ": line 3: route vertex 1 (<trkpt>): lat \"0x1p5\" is not a decimal number");
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD
        + "<trk><trkseg><trkpt lat=\"1\"/></trkseg></trk></gpx>"))
        .hasMessage(at("t.gpx") + ": line 3: route vertex 1 (<trkpt>): has no lon attribute");
  }

  @Test
  void refusesGpxWithoutTrackOrRouteOrPoints() throws IOException {
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD + "<wpt lat=\"1\" lon=\"2\"/></gpx>"))
        .hasMessage(at("t.gpx") + ": the GPX has no <trk> and no <rte>");
    assertThatThrownBy(() -> read("t.gpx", GPX_HEAD + "<trk><trkseg></trkseg></trk></gpx>"))
        .hasMessage(at("t.gpx") + ": the first <trk> has no points");
    assertThatThrownBy(() -> read("t.gpx", "<gpx><trk/></gpx>"))
        .hasMessage(at("t.gpx") + ": line 1: not a valid GPX file: the <gpx> element needs a version attribute of 1.0 or 1.1");
  }

  @Test
  void doesNotResolveExternalEntities() throws IOException {
    Path secret = file("secret.txt", "42");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<gpx version=\"1.1\" creator=\"&x;\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
        + "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
    try {
      Route r = read("x.gpx", xxe);
      assertThat(r.size()).isEqualTo(1);
    } catch (InvalidInputException e) {
      assertThat(e).hasMessageStartingWith(at("x.gpx") + ": ");
    }
  }

  // Polyline

  @Test
  void readsPolylineFilesAtBothPrecisions() throws IOException {
    Path p5 = file("r.polyline", PolylineCodecTest.GOOGLE_P5 + "\n");
    Path p6 = file("r6.txt", PolylineCodecTest.GOOGLE_P6);
    double[][] expected = {{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}};
    assertVertices(RouteReader.read(p5, 5), expected);
    assertVertices(RouteReader.read(p6, 6), expected);
  }

  @Test
  void readsAPolylineStartingWithABraceAsAPolyline() throws IOException {
    String polyline = PolylineCodec.encode(new double[] {0.0003, 1}, new double[] {0, 1}, 5);
    assertThat(polyline).startsWith("{");
    assertThat(RouteReader.read(file("r.json", polyline), 5).size()).isEqualTo(2);
  }

  @Test
  void refusesABadPolylineNamingFileAndCharacter() throws IOException {
    assertThatThrownBy(() -> read("r.txt", "_p~iF~ps|U\n_ulLnnqC"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(at("r.txt") + ": polyline character 11 U+000A is not a polyline character");
    assertThatThrownBy(() -> read("empty.txt", "  \n"))
        .hasMessage(at("empty.txt") + ": is empty: expected a route (GeoJSON, GPX or an encoded polyline)");
  }

  @Test
  void refusesAFileThatIsNoRouteByContentOrName() throws IOException {
    assertThatThrownBy(() -> read("stations.csv", "id,lat,lon\na,1,2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(at("stations.csv") + ": is not a route: expected GeoJSON (a LineString or Point),"
            + " GPX, or an encoded polyline (a .txt or .polyline file)");
  }

  @Test
  void parseServesAStringBody() {
    Route r = RouteReader.parse("{\"type\":\"Point\",\"coordinates\":[1,2]}", "request body", 5);
    assertVertices(r, new double[] {2, 1});
    assertThatThrownBy(() -> RouteReader.parse("_p~iF", "request body", 5))
        .hasMessageStartingWith("request body: polyline ends");
  }

  // Files

  @Test
  void refusesAMissingFileOrADirectory() {
    assertThatThrownBy(() -> RouteReader.read(dir.resolve("nope.gpx"), 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(dir.resolve("nope.gpx") + ": no such file");
    assertThatThrownBy(() -> RouteReader.read(dir, 5))
        .hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void refusesLenientJsonNamingLineAndColumnWithoutJacksonAdvice() throws IOException {
    assertThatThrownBy(() -> read("t.geojson", "{\"type\":\"Point\",\"coordinates\":[1,2]}\n{}"))
        .hasMessage(at("t.geojson") + ": line 2, column 1: malformed JSON: content follows the end of"
            + " the JSON value");
    assertThatThrownBy(() -> read("d.geojson",
            "{\"type\":\"Point\",\"coordinates\":[1,2],\"coordinates\":[3,4]}"))
        .hasMessageStartingWith(at("d.geojson") + ": line 1, column ")
        .hasMessageEndingWith(": malformed JSON: the key 'coordinates' appears twice in one object");
    for (String number : new String[] {"NaN", "0x1p5", "Infinity", "1e99999999999"}) {
      assertThatThrownBy(() -> read("n.geojson", "{\"type\":\"Point\",\"coordinates\":[" + number + ",2]}"))
          .as(number)
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("`").doesNotContain("Feature")
              .doesNotContain("Constraints"));
    }
  }

  @Test
  void readsStandardInputOnceForTheDashPath() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(
          "{\"type\":\"Point\",\"coordinates\":[1,2]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertVertices(RouteReader.read(Path.of("-"), 5), new double[] {2, 1});
      System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
      assertThatThrownBy(() -> RouteReader.read(Path.of("-"), 5))
          .hasMessage("standard input: is empty: expected a route (GeoJSON, GPX or an encoded polyline)");
    } finally {
      System.setIn(stdin);
    }
  }
}

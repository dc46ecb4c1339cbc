package io.corridor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.JsonText;
import io.corridor.index.IndexLocations;
import io.corridor.index.LocationIndex;
import io.corridor.index.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer's grouping, field mapping, merging of files and refusals. */
class LocationImporterTest {
  /** Three rows of x, far apart, the later ones with other names, categories and properties. */
  private static final String SCATTERED_ROWS = """
      id,lat,lon,name,category,operator
      x,46.5,6.6,Ouchy,charging,Romande
      y,46.4,6.7,Cully,fuel,Shell
      x,46.51,6.61,Other,parking,Nobody
      z,46.3,6.8,,,
      x,46.52,6.62,,,
      """;

  @TempDir Path dir;

  @Test
  void groupsRowsSharingAnIdAndSplitsNameCategoryAndProperties() throws IOException {
    Path csv = write("a.csv", """
        id,lat,lon,name,category,operator
        x,46.5,6.6,Ouchy,charging,Romande
        y,46.4,6.7,Cully,fuel,Shell
        x,46.51,6.61,,,
        """);

    LocationIndex index = LocationImporter.create().importFiles(List.of(csv));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.pointCount()).isEqualTo(3);
    int x = find(index, "x");
    assertThat(index.pointEnd(x) - index.pointStart(x)).isEqualTo(2);
    assertThat(index.name(x)).isEqualTo("Ouchy");
    assertThat(index.category(x)).isEqualTo("charging");
    // Every column but the id and coordinates, in the file's order, as the filter gives them.
    assertThat(index.properties(x)).containsExactly(
        Map.entry("name", "Ouchy"), Map.entry("category", "charging"),
        Map.entry("operator", "Romande"));
    assertThat(IndexLocations.of(index).properties(x)).isEqualTo(index.properties(x));
  }

  @Test
  void readsIdNameAndCategoryFromNamedFields() throws IOException {
    Path csv = write("a.csv", "key,lat,lon,title,kind\nk1,46.5,6.6,Ouchy,cafe\n");
    Path geojson = write("b.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"ignored",
          "geometry":{"type":"Point","coordinates":[6.7,46.4]},
          "properties":{"key":"k2","title":"Cully","kind":"fuel"}}]}
        """);

    LocationIndex index = LocationImporter.create().withFields("key", "title", "kind")
        .importFiles(List.of(csv, geojson));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.name(find(index, "k1"))).isEqualTo("Ouchy");
    assertThat(index.category(find(index, "k2"))).isEqualTo("fuel");
    assertThat(index.name(find(index, "k2"))).isEqualTo("Cully");
  }

  @Test
  void refusesAnIdInTwoFilesNamingBoth() throws IOException {
    Path a = write("a.csv", "id,lat,lon\nx,46.5,6.6\n");
    Path b = write("b.csv", "id,lat,lon\ny,46.4,6.7\nx,46.3,6.8\n");

    assertThatThrownBy(() -> LocationImporter.create().importFiles(List.of(a, b)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b.csv")
        .hasMessageContaining("a.csv")
        .hasMessageContaining("\"x\"");
  }

  @Test
  void refusesAGeoJsonFeatureWithoutTheNamedIdProperty() throws IOException {
    Path geojson = write("b.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"f1",
          "geometry":{"type":"Point","coordinates":[6.7,46.4]},"properties":{}}]}
        """);

    assertThatThrownBy(() -> LocationImporter.create().withFields("key", "name", "category")
        .importFiles(List.of(geojson)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b.geojson: feature 1")
        .hasMessageContaining("no \"key\" property");
  }

  @Test
  void reportsProgressAndTheFilesItReads() throws IOException {
    Path a = write("a.csv", "id,lat,lon\nx,46.5,6.6\ny,46.4,6.7\n");
    List<String> events = new ArrayList<>();
    Map<String, Long> last = new HashMap<>();

    LocationImporter.create().withProgress(new ImportProgress() {
      @Override
      public void reading(String source) {
        events.add("reading " + Path.of(source).getFileName());
      }

      @Override
      public void update(long done, long total, long added) {
        last.put("added", added);
        last.put("of", total);
      }

      @Override
      public void done() {
        events.add("done");
      }
    }).importFiles(List.of(a));

    assertThat(events).containsExactly("reading a.csv", "done");
    assertThat(last).containsEntry("added", 2L).containsEntry("of", 2L);
  }

  @Test
  void importsFilesAndOsmFilesIntoOneIndexReportingEachSourceWithItsUnit() throws IOException {
    Path csv = write("a.csv", "id,lat,lon,category\nx,46.5,6.6,charging\n");
    Path pbf = dir.resolve("b.osm.pbf");
    new TestPbf().denseNode(7, 46.4, 6.7, "amenity", "fuel").denseNode(8, 46.3, 6.8).write(pbf);
    List<String> events = new ArrayList<>();
    List<Long> added = new ArrayList<>();

    LocationIndex index = LocationImporter.create().withProgress(new ImportProgress() {
      @Override
      public void reading(String source, String unit) {
        events.add(Path.of(source).getFileName() + " in " + unit);
      }

      @Override
      public void update(long done, long total, long count) {
        added.add(count);
      }
    }).importSources(List.of(new LocationImporter.LocationFile(csv),
        new LocationImporter.OsmFile(pbf, TagFilter.parse("amenity=fuel"))));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.category(find(index, "node/7"))).isEqualTo("fuel");
    assertThat(index.category(find(index, "x"))).isEqualTo("charging");
    assertThat(events).containsExactly("a.csv in locations", "b.osm.pbf in bytes");
    assertThat(added.get(added.size() - 1)).isEqualTo(2L); // counted across sources
  }

  @Test
  void anIdInTwoSourcesIsRefusedNamingBothAndAnImportFailureBecomesInvalidInput()
      throws IOException {
    Path pbf = dir.resolve("b.osm.pbf");
    new TestPbf().denseNode(7, 46.4, 6.7, "amenity", "fuel").write(pbf);
    Path csv = write("a.csv", "id,lat,lon\nnode/7,46.5,6.6\n");
    TagFilter fuel = TagFilter.parse("amenity=fuel");

    assertThatThrownBy(() -> LocationImporter.create().importSources(List.of(
        new LocationImporter.OsmFile(pbf, fuel), new LocationImporter.LocationFile(csv))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(csv + ": id \"node/7\" is also in " + pbf + ": each id must belong to one source");
    Path missing = dir.resolve("missing.osm.pbf");
    assertThatThrownBy(() -> LocationImporter.create().importSources(List.of(
        new LocationImporter.OsmFile(missing, fuel))))
        .isInstanceOf(InvalidInputException.class).hasMessage(missing + ": no such file");
  }

  @Test
  void rowsOfOneIdFarApartInACsvBecomeOneLocationWithAllItsPointsInOrder() throws IOException {
    Path csv = write("a.csv", SCATTERED_ROWS);

    LocationIndex index = LocationImporter.create().importFiles(List.of(csv));

    assertThat(index.size()).isEqualTo(3);
    assertThat(index.pointCount()).isEqualTo(5);
    int x = find(index, "x");
    assertThat(points(index, x)).containsExactly(
        List.of(46.5, 6.6), List.of(46.51, 6.61), List.of(46.52, 6.62));
    // The first row of an id gives its name, category and properties, as for `filter`.
    assertThat(index.name(x)).isEqualTo("Ouchy");
    assertThat(index.category(x)).isEqualTo("charging");
    assertThat(index.properties(x)).containsExactly(Map.entry("name", "Ouchy"),
        Map.entry("category", "charging"), Map.entry("operator", "Romande"));
    assertThat(points(index, find(index, "y"))).containsExactly(List.of(46.4, 6.7));
  }

  @Test
  void streamingGivesTheIndexOfTheLocationsWorkedOutByHand() throws IOException {
    Path csv = write("a.csv", SCATTERED_ROWS);
    LocationIndex expected = LocationIndex.builder()
        .add("x", new double[] {46.5, 46.51, 46.52}, new double[] {6.6, 6.61, 6.62},
            "Ouchy", "charging", ordered("name", "Ouchy", "category", "charging", "operator", "Romande"))
        .add("y", new double[] {46.4}, new double[] {6.7}, "Cully", "fuel",
            ordered("name", "Cully", "category", "fuel", "operator", "Shell"))
        .add("z", new double[] {46.3}, new double[] {6.8}, "", "",
            ordered("name", "", "category", "", "operator", ""))
        .build();

    LocationIndex index = LocationImporter.create().importFiles(List.of(csv));

    assertThat(snapshotBytes(index, "streamed")).isEqualTo(snapshotBytes(expected, "expected"));
  }

  @Test
  void aGeoJsonLocationGathersItsMultiPointAndItsLaterFeatures() throws IOException {
    Path geojson = write("b.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"m","geometry":{"type":"MultiPoint",
            "coordinates":[[6.6,46.5],[6.61,46.51]]},
            "properties":{"name":"Ouchy","category":"charging","kw":150}},
          {"type":"Feature","id":"p","geometry":{"type":"Point","coordinates":[6.7,46.4]},
            "properties":null},
          {"type":"Feature","id":"m","geometry":{"type":"Point","coordinates":[6.62,46.52]},
            "properties":{"name":"Other","kw":50}}]}
        """);
    LocationIndex expected = LocationIndex.builder()
        .add("m", new double[] {46.5, 46.51, 46.52}, new double[] {6.6, 6.61, 6.62},
            "Ouchy", "charging",
            ordered("name", "Ouchy", "category", "charging", "kw", new JsonText("150")))
        .add("p", new double[] {46.4}, new double[] {6.7}, null, null, null)
        .build();

    LocationIndex index = LocationImporter.create().importFiles(List.of(geojson));

    int m = find(index, "m");
    assertThat(points(index, m)).containsExactly(
        List.of(46.5, 6.6), List.of(46.51, 6.61), List.of(46.52, 6.62));
    assertThat(index.name(m)).isEqualTo("Ouchy");
    assertThat(index.properties(m)).containsExactly(Map.entry("name", "Ouchy"),
        Map.entry("category", "charging"), Map.entry("kw", new JsonText("150")));
    assertThat(snapshotBytes(index, "streamed")).isEqualTo(snapshotBytes(expected, "expected"));
  }

  @Test
  void aBrokenRowOrFeatureIsRefusedByItsLineOrFeatureAfterGoodOnes() throws IOException {
    Path csv = write("a.csv", "id,lat,lon\nx,46.5,6.6\ny,46.4,6.7\nx,abc,6.61\n");
    Path geojson = write("b.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"m","geometry":{"type":"Point","coordinates":[6.6,46.5]}},
          {"type":"Feature","id":"n","geometry":{"type":"Point","coordinates":[6.6,96.5]}}]}
        """);

    assertThatThrownBy(() -> LocationImporter.create().importFiles(List.of(csv)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(csv + ": line 4: lat \"abc\" is not a decimal number");
    assertThatThrownBy(() -> LocationImporter.create().importFiles(List.of(geojson)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(geojson + ": feature 2 (line 3): latitude 96.5 is outside [-90, 90]");
  }

  @Test
  void aRowTheIndexCannotTakeIsRefusedByItsLine() throws IOException {
    StringBuilder rows = new StringBuilder("id,lat,lon,category\n");
    for (int i = 0; i <= 0xFFFF; i++) {
      rows.append("id").append(i).append(",1,2,c").append(i).append('\n');
    }
    Path csv = write("a.csv", rows.toString());

    // Row 65 536 (line 65 537, after the header) brings the 65 536th category.
    assertThatThrownBy(() -> LocationImporter.create().importFiles(List.of(csv)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(csv + ": line 65537: more than 65 535 categories");
  }

  private static List<List<Double>> points(LocationIndex index, int i) {
    List<List<Double>> points = new ArrayList<>();
    for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
      points.add(List.of(index.latDegrees(p), index.lonDegrees(p)));
    }
    return points;
  }

  private byte[] snapshotBytes(LocationIndex index, String name) throws IOException {
    Path file = dir.resolve(name + ".corridx");
    Snapshot.write(index, file);
    return Files.readAllBytes(file);
  }

  private static int find(LocationIndex index, String id) {
    for (int i = 0; i < index.size(); i++) {
      if (index.id(i).equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no location " + id);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** Returns the properties given as key, value, key, value..., in that order. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}

package io.corridor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.index.LocationIndex;
import io.corridor.index.LocationIndexBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsmPbfImporterTest {
  private static final TagFilter FILTER =
      TagFilter.parse("amenity=fuel,amenity=charging_station,amenity=restaurant,shop=*");

  @TempDir
  Path dir;

  /** Nodes with and without matching tags, in both node encodings, and ways over them. */
  private Path sample() throws IOException {
    Path file = dir.resolve("sample.osm.pbf");
    new TestPbf()
        .denseNode(1, 43.7384, 7.4246, "amenity", "fuel", "name", "Station A", "brand", "X")
        .denseNode(2, 43.74, 7.42, "amenity", "bench")
        .denseNode(3, 43.75, 7.43)
        // A square centred on (0, 0), and two nodes on the parallel 10° N.
        .denseNode(10, -1, -1).denseNode(11, -1, 1).denseNode(12, 1, 1).denseNode(13, 1, -1)
        .denseNode(20, 10, 20).denseNode(21, 10, 22)
        .node(5, 45.0, 8.0, "shop", "bakery", "name", "Boulangerie")
        .way(100, new long[] {10, 11, 12, 13, 10}, "amenity", "charging_station", "name", "Square")
        .way(101, new long[] {20, 21}, "amenity", "restaurant")
        .way(102, new long[] {999}, "amenity", "fuel") // its node is outside the extract
        .way(103, new long[] {10, 11}, "highway", "residential")
        .write(file);
    return file;
  }

  @Test
  void importsSelectedNodesAndWayCentroids() throws IOException {
    LocationIndexBuilder builder = LocationIndex.builder();
    List<long[]> updates = new ArrayList<>();
    OsmPbfImporter.Counts counts = OsmPbfImporter.importInto(sample(), FILTER, builder,
        (done, total, added) -> updates.add(new long[] {done, total, added}));

    assertThat(counts).isEqualTo(new OsmPbfImporter.Counts(10, 4, 2, 2, 1));
    assertThat(counts.added()).isEqualTo(4);
    LocationIndex index = builder.build();
    Map<String, Integer> byId = byId(index);
    assertThat(byId).containsOnlyKeys("node/1", "node/5", "way/100", "way/101");

    int fuel = byId.get("node/1");
    assertThat(index.name(fuel)).isEqualTo("Station A");
    assertThat(index.category(fuel)).isEqualTo("fuel");
    // The name and category first, then the other tags in the file's order.
    assertThat(index.properties(fuel)).containsExactly(Map.entry("name", "Station A"),
        Map.entry("category", "fuel"), Map.entry("amenity", "fuel"), Map.entry("brand", "X"));
    assertPoint(index, fuel, 43.7384, 7.4246);
    // Node coordinates come out as the doubles nearest their decimal values.
    assertThat(index.latDegrees(index.pointStart(fuel))).isEqualTo(43.7384);
    assertThat(index.lonDegrees(index.pointStart(fuel))).isEqualTo(7.4246);

    int bakery = byId.get("node/5");
    assertThat(index.name(bakery)).isEqualTo("Boulangerie");
    assertThat(index.category(bakery)).isEqualTo("bakery");
    assertPoint(index, bakery, 45.0, 8.0);

    // The square's centroid is its centre; the closing node is not counted twice.
    int square = byId.get("way/100");
    assertThat(index.name(square)).isEqualTo("Square");
    assertThat(index.category(square)).isEqualTo("charging_station");
    assertPoint(index, square, 0, 0);

    // Two nodes on 10° N, 2° apart: the centroid is their great-circle midpoint, north of the
    // parallel: tan(lat) = tan(10°) / cos(1°).
    int restaurant = byId.get("way/101");
    assertThat(index.name(restaurant)).isNull();
    assertThat(index.category(restaurant)).isEqualTo("restaurant");
    double lat = Math.toDegrees(Math.atan(Math.tan(Math.toRadians(10)) / Math.cos(Math.toRadians(1))));
    assertThat(lat).isCloseTo(10.00149, within(1e-5));
    assertPoint(index, restaurant, lat, 21);

    long[] last = updates.get(updates.size() - 1);
    assertThat(last[0]).isEqualTo(last[1]);
    assertThat(last[2]).isEqualTo(4);
  }

  @Test
  void readsOnceWhenNoWayIsSelected() throws IOException {
    LocationIndexBuilder builder = LocationIndex.builder();
    OsmPbfImporter.Counts counts = OsmPbfImporter.importInto(sample(), TagFilter.parse("shop=*"),
        builder, ImportProgress.NONE);
    assertThat(counts).isEqualTo(new OsmPbfImporter.Counts(10, 4, 1, 0, 0));
    assertThat(byId(builder.build())).containsOnlyKeys("node/5");
  }

  @Test
  void refusesACorruptedFileNamingIt() throws IOException {
    Path good = sample();
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = dir.resolve("truncated.osm.pbf");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThatThrownBy(() -> OsmPbfImporter.importInto(truncated, FILTER, LocationIndex.builder(),
        ImportProgress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith(truncated + ": not a valid OpenStreetMap PBF file");

    Path garbled = dir.resolve("garbled.osm.pbf");
    byte[] bad = bytes.clone();
    for (int k = bad.length / 2; k < bad.length; k++) {
      bad[k] = (byte) (bad[k] ^ 0x5A);
    }
    Files.write(garbled, bad);
    assertThatThrownBy(() -> OsmPbfImporter.importInto(garbled, FILTER, LocationIndex.builder(),
        ImportProgress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith(garbled + ": not a valid OpenStreetMap PBF file");

    Path text = dir.resolve("text.osm.pbf");
    Files.writeString(text, "<?xml version='1.0'?><osm></osm>\n");
    assertThatThrownBy(() -> OsmPbfImporter.importInto(text, FILTER, LocationIndex.builder(),
        ImportProgress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith(text + ": not a valid OpenStreetMap PBF file");
  }

  @Test
  void refusesMissingFilesAndUnknownFeatures() throws IOException {
    Path missing = dir.resolve("missing.osm.pbf");
    assertThatThrownBy(() -> OsmPbfImporter.importInto(missing, FILTER, LocationIndex.builder(),
        ImportProgress.NONE))
        .isInstanceOf(ImportException.class).hasMessage(missing + ": no such file");

    Path history = dir.resolve("history.osh.pbf");
    TestPbf.writeRequiring(history, "HistoricalInformation");
    assertThatThrownBy(() -> OsmPbfImporter.importInto(history, FILTER, LocationIndex.builder(),
        ImportProgress.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessage(history + ": requires the PBF feature 'HistoricalInformation', which this "
            + "importer does not support");
  }

  private static Map<String, Integer> byId(LocationIndex index) {
    Map<String, Integer> byId = new HashMap<>();
    for (int i = 0; i < index.size(); i++) {
      byId.put(index.id(i), i);
    }
    return byId;
  }

  private static void assertPoint(LocationIndex index, int i, double lat, double lon) {
    assertThat(index.pointEnd(i) - index.pointStart(i)).isEqualTo(1);
    assertThat(index.latDegrees(index.pointStart(i))).isCloseTo(lat, within(1e-9));
    assertThat(index.lonDegrees(index.pointStart(i))).isCloseTo(lon, within(1e-9));
  }
}

package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index's columns and options on small cases worked by hand. */
class LocationIndexTest {
  @Test
  void aLocationKeepsItsPointsNameCategoryAndPropertiesInOrder() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("operator", "Régie");
    props.put("kw", "150");
    LocationIndex index = LocationIndex.builder()
        .add("far", new double[] {-40}, new double[] {170}, null, null, null)
        .add("two", new double[] {10, 10.001}, new double[] {20, 20.001}, "Gare ⛽", "fuel", props)
        .build();
    int i = index.id(0).equals("two") ? 0 : 1;
    assertThat(index.id(i)).isEqualTo("two");
    assertThat(index.name(i)).isEqualTo("Gare ⛽");
    assertThat(index.category(i)).isEqualTo("fuel");
    assertThat(index.properties(i)).containsExactly(Map.entry("operator", "Régie"), Map.entry("kw", "150"));
    assertThat(index.pointEnd(i) - index.pointStart(i)).isEqualTo(2);
    assertThat(index.latDegrees(index.pointStart(i) + 1)).isEqualTo(10.001);
    assertThat(index.name(1 - i)).isNull();
    assertThat(index.category(1 - i)).isNull();
    assertThat(index.properties(1 - i)).isEmpty();
  }

  @Test
  void propertiesKeepTheirOrderAndTypesAndTheNameAndCategoryAreStoredOnce() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("kind", "fuel");
    props.put("kw", new JsonText("150"));
    props.put("open", new JsonText("true"));
    props.put("note", new JsonText("null"));
    props.put("empty", "");
    props.put("title", "Gare ⛽");
    props.put("tags", new JsonText("[\"a\",{\"b\":2.5}]"));
    props.put("brand", "fuel");
    LocationIndex index = LocationIndex.builder()
        .add("x", new double[] {10}, new double[] {20}, "Gare ⛽", "fuel", props)
        .build();
    assertThat(index.properties(0)).containsExactlyEntriesOf(props);
    assertThat(index.name(0)).isEqualTo("Gare ⛽");
    assertThat(index.category(0)).isEqualTo("fuel");

    // The name and category values cost one byte each in the properties, not their text again.
    Map<String, Object> apart = new LinkedHashMap<>(props);
    apart.replaceAll((k, v) -> v instanceof String s && !s.isEmpty() ? "other" : v);
    LocationIndex other = LocationIndex.builder()
        .add("x", new double[] {10}, new double[] {20}, "Gare ⛽", "fuel", apart)
        .build();
    assertThat(propertyBytes(index)).isLessThan(propertyBytes(other));
  }

  @Test
  void aPropertyValueThatIsNeitherTextNorJsonTextIsRefusedByName() {
    Map<String, Object> props = Map.of("kw", 150);
    assertThatThrownBy(() -> LocationIndex.builder()
        .add("x", new double[] {10}, new double[] {20}, null, null, props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"kw\"");
  }

  private static int propertyBytes(LocationIndex index) {
    return index.sections().get(Section.PROPERTY_BYTES).capacity();
  }

  @Test
  void categoriesKeepOnlyTheirLocationsAndAnUnknownOneKeepsNone() {
    LocationIndex index = LocationIndex.builder()
        .add("a", new double[] {0.001}, new double[] {0.5}, null, "fuel", null)
        .add("b", new double[] {0.002}, new double[] {0.4}, null, "charging", null)
        .add("c", new double[] {0.003}, new double[] {0.3}, null, null, null)
        .build();
    Corridor corridor = Corridor.of(Route.of(new double[] {0, 0}, new double[] {0, 1}), 1_000);
    assertThat(index.search(corridor, SearchOptions.all())).extracting(IndexMatch::id)
        .containsExactly("c", "b", "a");
    assertThat(index.search(corridor, SearchOptions.builder().categories(Set.of("fuel", "charging")).build()))
        .extracting(IndexMatch::id).containsExactly("b", "a");
    assertThat(index.search(corridor, SearchOptions.builder().categories(Set.of("hotel")).build())).isEmpty();
    List<IndexMatch> byDistance = index.search(corridor, SearchOptions.builder().limit(2).sort(SearchOptions.Sort.DISTANCE).build());
    assertThat(byDistance).extracting(IndexMatch::id).containsExactly("a", "b");
  }

  @Test
  void twoLocationsWithOneIdAreRefused() {
    LocationIndex.Builder b = LocationIndex.builder();
    for (int i = 0; i < 100; i++) {
      b.add("id-" + i, new double[] {i * 0.1}, new double[] {0}, null, null, null);
    }
    b.add("id-42", new double[] {1}, new double[] {1}, null, null, null);
    assertThatThrownBy(b::build).isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("locations 43 and 101 have the same id \"id-42\"")
        .satisfies(e -> {
          DuplicateIdException d = (DuplicateIdException) e;
          assertThat(List.of(d.id(), d.first(), d.second())).containsExactly("id-42", 42, 100);
        });
  }

  @Test
  void aPointOutOfRangeIsRefusedNamingTheLocation() {
    assertThatThrownBy(() -> LocationIndex.builder()
        .add("x", new double[] {10, 91}, new double[] {0, 0}, null, null, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("location x point 2: latitude 91.0");
    assertThatThrownBy(() -> SearchOptions.builder().limit(-1).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointsGivenOneAtATimeInAnyOrderAreGroupedByLocationInTheOrderTheyCame() {
    LocationIndex.Builder b = LocationIndex.builder();
    int x = b.location("x", "Ouchy", "charging", Map.of("operator", "Romande"));
    int y = b.location("y", null, "fuel", null);
    b.point(x, 46.5, 6.6).point(y, 46.4, 6.7).point(x, 46.51, 6.61).point(y, 46.41, 6.71)
        .point(x, 46.52, 6.62);
    LocationIndex index = b.build();

    // Cell rows count up from the south, so y (first point at 46.4) comes before x (46.5).
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.pointCount()).isEqualTo(5);
    assertThat(index.id(0)).isEqualTo("y");
    assertThat(index.id(1)).isEqualTo("x");
    assertThat(points(index, 0)).containsExactly(List.of(46.4, 6.7), List.of(46.41, 6.71));
    assertThat(points(index, 1)).containsExactly(
        List.of(46.5, 6.6), List.of(46.51, 6.61), List.of(46.52, 6.62));
    assertThat(index.name(1)).isEqualTo("Ouchy");
    assertThat(index.category(0)).isEqualTo("fuel");
    assertThat(index.properties(1)).containsExactly(Map.entry("operator", "Romande"));
  }

  @Test
  void pointsOutOfOrderGiveTheSameSnapshotAsWholeLocations() throws Exception {
    LocationIndex.Builder interleaved = LocationIndex.builder();
    int a = interleaved.location("a", "A", "fuel", Map.of("k", "1"));
    int b = interleaved.location("b", null, null, null);
    interleaved.point(b, -10, 170).point(a, 1, 2).point(b, -10.5, 179.9).point(a, 1.5, 2.5);

    LocationIndex whole = LocationIndex.builder()
        .add("a", new double[] {1, 1.5}, new double[] {2, 2.5}, "A", "fuel", Map.of("k", "1"))
        .add("b", new double[] {-10, -10.5}, new double[] {170, 179.9}, null, null, null)
        .build();

    assertThat(snapshotBytes(interleaved.build())).isEqualTo(snapshotBytes(whole));
  }

  @Test
  void anIdGroupingFindsItsLocationsAndNoOtherGroupings() {
    LocationIndex.Builder b = LocationIndex.builder();
    IdGroups first = b.groupById();
    for (int i = 0; i < 5_000; i++) {
      assertThat(first.find("id-" + i)).isEqualTo(-1);
      b.point(first.add("id-" + i, null, null, null), i * 0.01, 0);
    }
    for (int i = 0; i < 5_000; i += 7) {
      assertThat(first.find("id-" + i)).isEqualTo(i);
    }
    assertThatThrownBy(() -> first.add("id-3", null, null, null))
        .isInstanceOf(IllegalStateException.class);
    IdGroups second = b.groupById();
    assertThat(second.find("id-3")).isEqualTo(-1);
    b.point(second.add("id-3", null, null, null), 1, 1);
    assertThatThrownBy(b::build).isInstanceOf(DuplicateIdException.class)
        .satisfies(e -> assertThat(((DuplicateIdException) e).second()).isEqualTo(5_000));
  }

  @Test
  void aLocationWithoutPointsAndASecondBuildAreRefused() {
    LocationIndex.Builder b = LocationIndex.builder();
    b.point(b.location("a", null, null, null), 0, 0);
    b.location("empty", null, null, null);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("location \"empty\" has no point");
    LocationIndex.Builder once = LocationIndex.builder();
    once.build();
    assertThatThrownBy(once::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> LocationIndex.builder().point(0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    LocationIndex.Builder c = LocationIndex.builder();
    int x = c.location("x", null, null, null);
    assertThatThrownBy(() -> c.point(x, 0, 181)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("location x: longitude 181.0");
  }

  private static List<List<Double>> points(LocationIndex index, int i) {
    List<List<Double>> points = new ArrayList<>();
    for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
      points.add(List.of(index.latDegrees(p), index.lonDegrees(p)));
    }
    return points;
  }

  private static byte[] snapshotBytes(LocationIndex index) throws Exception {
    Path file = Files.createTempFile("index", ".corridx");
    try {
      Snapshot.write(index, file);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
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
    props.put("kw", 150);
    props.put("open", true);
    props.put("note", null);
    props.put("empty", "");
    props.put("title", "Gare ⛽");
    props.put("tags", List.of("a", Map.of("b", 2.5)));
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
    assertThat(index.search(corridor, new SearchOptions(Set.of("fuel", "charging"), 0, null)))
        .extracting(IndexMatch::id).containsExactly("b", "a");
    assertThat(index.search(corridor, new SearchOptions(Set.of("hotel"), 0, null))).isEmpty();
    List<IndexMatch> byDistance = index.search(corridor, new SearchOptions(null, 2, SearchOptions.Sort.DISTANCE));
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
    assertThatThrownBy(() -> new SearchOptions(null, -1, null)).isInstanceOf(IllegalArgumentException.class);
  }
}

package io.corridor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TagFilterTest {

  @Test
  void matchesValuesAndWildcardsInOrder() {
    TagFilter filter = TagFilter.parse(" amenity=fuel, amenity=charging_station ,shop=*");
    assertThat(filter).hasToString("amenity=fuel,amenity=charging_station,shop=*");
    assertThat(filter.category(Map.of("amenity", "fuel"))).isEqualTo("fuel");
    assertThat(filter.category(Map.of("amenity", "charging_station"))).isEqualTo("charging_station");
    assertThat(filter.category(Map.of("shop", "bakery", "name", "B"))).isEqualTo("bakery");
    assertThat(filter.category(Map.of("amenity", "bench"))).isNull();
    assertThat(filter.category(Map.of())).isNull();
    // The first entry that matches names the category.
    assertThat(filter.category(Map.of("shop", "kiosk", "amenity", "fuel"))).isEqualTo("fuel");
  }

  @Test
  void refusesMalformedSpecificationsWithTheEntry() {
    assertThatThrownBy(() -> TagFilter.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OSM tag filter is empty").hasMessageContaining("amenity=fuel");
    assertThatThrownBy(() -> TagFilter.parse(null)).hasMessageContaining("OSM tag filter is empty");
    assertThatThrownBy(() -> TagFilter.parse("amenity=fuel,,shop=*"))
        .hasMessage("OSM tag filter entry 2 is empty: remove the extra comma in 'amenity=fuel,,shop=*'");
    assertThatThrownBy(() -> TagFilter.parse("amenity=fuel,"))
        .hasMessageContaining("entry 2 is empty");
    assertThatThrownBy(() -> TagFilter.parse("amenity"))
        .hasMessage("OSM tag filter entry 1 ('amenity') has no '=': write key=value or key=*");
    assertThatThrownBy(() -> TagFilter.parse("a==b"))
        .hasMessage("OSM tag filter entry 1 ('a==b') has more than one '=': write key=value");
    assertThatThrownBy(() -> TagFilter.parse("amenity=fuel,=fuel"))
        .hasMessage("OSM tag filter entry 2 ('=fuel') has no key before '='");
    assertThatThrownBy(() -> TagFilter.parse("amenity="))
        .hasMessage("OSM tag filter entry 1 ('amenity=') has no value after '=': write amenity=* to select any value");
  }
}

package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.LocationSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoJsonLocationsTest {
  @TempDir Path dir;

  private LocationSet read(String content) throws IOException {
    return LocationReader.read(Files.writeString(dir.resolve("stations.geojson"), content));
  }

  private String file() {
    return dir.resolve("stations.geojson").toString();
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features) + "\n]}";
  }

  private static String point(String id, String coordinates) {
    return "{\"type\":\"Feature\",\"id\":" + id
        + ",\"geometry\":{\"type\":\"Point\",\"coordinates\":" + coordinates + "},\"properties\":{}}";
  }

  private void assertRefused(String content, String message) {
    assertThatThrownBy(() -> read(content))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file() + ": " + message);
  }

  @Test
  void readsPointsWithStringAndNumericIdsAndProperties() throws IOException {
    LocationSet set = read(collection(
        "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{\"name\":\"Paris\",\"pumps\":8,"
            + "\"tags\":[\"24h\"],\"open\":true,\"note\":null},"
            + "\"geometry\":{\"coordinates\":[2.35,48.85,35.0],\"type\":\"Point\"}}",
        point("17", "[151.2,-33.9]")));
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.id(0)).isEqualTo("a");
    assertThat(set.latDegrees(0)).isEqualTo(48.85);
    assertThat(set.lonDegrees(0)).isEqualTo(2.35);
    Map<String, Object> p = set.properties(0);
    assertThat(List.copyOf(p.keySet())).containsExactly("name", "pumps", "tags", "open", "note");
    assertThat(p).containsEntry("name", "Paris").containsEntry("pumps", 8)
        .containsEntry("tags", List.of("24h")).containsEntry("open", true);
    assertThat(set.id(1)).isEqualTo("17");
  }

  @Test
  void takesTheIdFromPropertiesWhenTheFeatureHasNone() throws IOException {
    LocationSet set = read(collection(
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"p1\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}",
        "{\"type\":\"Feature\",\"id\":null,\"properties\":{\"id\":42},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[3,4]}}"));
    assertThat(set.id(0)).isEqualTo("p1");
    assertThat(set.id(1)).isEqualTo("42");
  }

  @Test
  void readsMultiPointsAndGroupsFeaturesSharingAnId() throws IOException {
    LocationSet set = read(collection(
        "{\"type\":\"Feature\",\"id\":\"m\",\"properties\":{\"k\":1},"
            + "\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4]]}}",
        point("\"solo\"", "[0,0]"),
        "{\"type\":\"Feature\",\"id\":\"m\",\"properties\":{\"k\":2},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,6]}}"));
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.pointEnd(0) - set.pointStart(0)).isEqualTo(3);
    assertThat(set.latDegrees(1)).isEqualTo(4);
    assertThat(set.lonDegrees(2)).isEqualTo(5);
    assertThat(set.properties(0)).containsEntry("k", 1);
  }

  @Test
  void readsAnEmptyCollectionAndMembersInAnyOrder() throws IOException {
    assertThat(read("{\"features\":[],\"type\":\"FeatureCollection\",\"bbox\":[0,0,1,1]}").size()).isZero();
  }

  @Test
  void refusesWhatIsNotAFeatureCollection() {
    assertRefused("{\"type\":\"Feature\",\"geometry\":null}", "the GeoJSON is a Feature, not a FeatureCollection");
    assertRefused("[]", "expected a GeoJSON FeatureCollection object, found an array");
    assertRefused("{\"features\":[]}", "the GeoJSON has no \"type\": expected \"FeatureCollection\"");
    assertRefused("{\"type\":\"FeatureCollection\"}", "the FeatureCollection has no \"features\" array");
    assertRefused("{\"type\":\"FeatureCollection\",\"features\":{}}", "\"features\" is not an array");
  }

  @Test
  void refusesAWrongGeometryTypeNamingFeatureAndLine() {
    assertRefused(collection(point("\"a\"", "[0,0]"),
            "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}"),
        "feature 2 (line 3): geometry type \"LineString\" is not Point or MultiPoint");
  }

  @Test
  void refusesAMissingGeometry() {
    assertRefused(collection("{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":null}"),
        "feature 1 (line 2): has no geometry");
    assertRefused(collection("{\"type\":\"Feature\",\"id\":\"a\"}"), "feature 1 (line 2): has no geometry");
  }

  @Test
  void refusesAnEmptyMultiPoint() {
    assertRefused(collection("{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[]}}"),
        "feature 1 (line 2): the MultiPoint has no points");
  }

  @Test
  void refusesAPointWithFewerThanTwoCoordinates() {
    assertRefused(collection(point("\"a\"", "[1]")),
        "feature 1 (line 2): the Point must have at least two numbers [lon, lat], found [1]");
    assertRefused(collection(point("\"a\"", "[\"1\",2]")),
        "feature 1 (line 2): the Point must have at least two numbers [lon, lat], found [\"1\",2]");
    assertRefused(collection("{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":"
            + "{\"type\":\"MultiPoint\",\"coordinates\":[[0,0],[5]]}}"),
        "feature 1 (line 2): point 2 of the MultiPoint must have at least two numbers [lon, lat], found [5]");
  }

  @Test
  void refusesOutOfRangeCoordinates() {
    assertRefused(collection(point("\"a\"", "[0,0]"), point("\"b\"", "[10,-91]")),
        "feature 2 (line 3): latitude -91.0 is outside [-90, 90]");
    assertRefused(collection("{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":"
            + "{\"type\":\"MultiPoint\",\"coordinates\":[[0,0],[200,0]]}}"),
        "feature 1 (line 2): point 2 of the MultiPoint: longitude 200.0 is outside [-180, 180]");
    assertRefused(collection(point("\"a\"", "[1e400,0]")),
        "feature 1 (line 2): longitude Infinity is outside [-180, 180]");
  }

  @Test
  void refusesMissingOrEmptyIds() {
    assertRefused(collection("{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}"),
        "feature 1 (line 2): has no id (neither a feature \"id\" nor an \"id\" property)");
    assertRefused(collection(point("\"\"", "[1,2]")), "feature 1 (line 2): id is empty");
    assertRefused(collection(point("{}", "[1,2]")), "feature 1 (line 2): the feature id must be a string or a number");
  }

  @Test
  void refusesAFeatureOfAnotherType() {
    assertRefused(collection("{\"type\":\"Point\",\"coordinates\":[1,2]}"),
        "feature 1 (line 2): type is \"Point\", expected \"Feature\"");
    assertRefused(collection("{\"id\":\"a\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}"),
        "feature 1 (line 2): has no \"type\": expected \"Feature\"");
    assertRefused(collection("[1,2]"), "feature 1 (line 2): is not a JSON object");
  }

  @Test
  void refusesMalformedJsonNamingTheFeatureAndLine() {
    assertThatThrownBy(() -> read(collection(point("\"a\"", "[1,2]"), point("\"b\"", "[1,2,]"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file() + ": feature 2: line 3, column ")
        .hasMessageContaining("malformed JSON: ");
    assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\"features\":["))
        .hasMessageStartingWith(file() + ": line 1, column ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void refusesTrailingContent() {
    assertRefused(collection() + "\n{}", "line 4: unexpected content after the FeatureCollection");
  }
}

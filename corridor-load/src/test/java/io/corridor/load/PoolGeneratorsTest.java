package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corridor.core.geo.Route;
import io.corridor.formats.PolylineCodec;
import io.corridor.synthetic.Category;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool generators: the same seed gives the same bytes, the filter pool holds the seed's
 * scenarios (the sizes the seed's post states) in the asked shares, and every search lies in the
 * documented ranges, measured with GeographicLib on the contract's sphere.
 */
class PoolGeneratorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Great-circle distances on the sphere of radius 6 371 008.8 m, independent of corridor-core. */
  private static final Geodesic SPHERE = new Geodesic(6_371_008.8, 0);

  @TempDir Path temp;

  @Test
  void theSameSeedGivesTheSameBytes() throws IOException {
    FilterPool.write(temp.resolve("f1"), 5, 300, new double[] {1, 1, 1, 1}, 0.01, 1);
    FilterPool.write(temp.resolve("f2"), 5, 300, new double[] {1, 1, 1, 1}, 0.01, 1);
    FilterPool.write(temp.resolve("f3"), 6, 300, new double[] {1, 1, 1, 1}, 0.01, 1);
    assertThat(files(temp.resolve("f2"))).isEqualTo(files(temp.resolve("f1")));
    assertThat(Files.readString(temp.resolve("f3/manifest.tsv")))
        .isNotEqualTo(Files.readString(temp.resolve("f1/manifest.tsv")));

    SearchPool search = SearchPool.over(1);
    search.write(temp.resolve("s1"), 9, 20);
    SearchPool.over(1).write(temp.resolve("s2"), 9, 20);
    search.write(temp.resolve("s3"), 10, 20);
    assertThat(files(temp.resolve("s2"))).isEqualTo(files(temp.resolve("s1")));
    assertThat(files(temp.resolve("s3"))).isNotEqualTo(files(temp.resolve("s1")));
  }

  @Test
  void largeBodiesTakeTheAskedNumberOfLocations() throws IOException {
    Path dir = temp.resolve("one-size");
    FilterPool.write(dir, 3, 2, new double[] {1, 1, 1, 1}, 1.0, 1, 30_000, 30_000);
    RequestPool pool = RequestPool.read(dir);
    assertThat(pool.requests()).hasSize(2).allSatisfy(r -> assertThat(r.name()).isEqualTo("filter_large"));
    assertThat(JSON.readTree(pool.requests().get(0).body()).get("locations").size()).isEqualTo(30_000);
    assertThatThrownBy(() -> FilterPool.write(temp.resolve("bad"), 3, 2, new double[] {1, 1, 1, 1}, 1.0, 1, 500, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500, 400");
  }

  @Test
  void theFilterPoolHoldsTheSeedScenariosInTheAskedShares() throws IOException {
    Path dir = temp.resolve("filter");
    FilterPool.write(dir, 1, 1_000, new double[] {1, 1, 1, 1}, 0.02, 2);
    RequestPool pool = RequestPool.read(dir);
    Map<String, Long> counts = pool.requests().stream()
        .collect(Collectors.groupingBy(PoolRequest::name, Collectors.counting()));
    assertThat(counts).containsOnly(
        Map.entry("filter_small_corridor", 245L),
        Map.entry("filter_medium_corridor", 245L),
        Map.entry("filter_long_narrow_corridor_few_total", 245L),
        Map.entry("filter_long_corridor_many_filtered_out", 245L),
        Map.entry("filter_large", 20L));
    // Shuffled: the first hundred requests are not all of one kind.
    assertThat(pool.requests().subList(0, 100).stream().map(PoolRequest::name).distinct().count())
        .isGreaterThanOrEqualTo(4);

    // The seed's post: vertices and locations per scenario; the radii of SeedScenario's Javadoc.
    Map<String, int[]> seed = Map.of(
        "filter_small_corridor", new int[] {4, 15, 250},
        "filter_medium_corridor", new int[] {109, 221, 1_000},
        "filter_long_narrow_corridor_few_total", new int[] {300, 65, 300},
        "filter_long_corridor_many_filtered_out", new int[] {251, 2_547, 2_000});
    Set<Integer> largeSizes = new HashSet<>();
    // Requests that replay one body share its array: each distinct body is parsed once.
    Map<byte[], JsonNode> parsed = new IdentityHashMap<>();
    for (PoolRequest r : pool.requests()) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/v1/filter");
      JsonNode body = parsed.get(r.body());
      if (body == null) {
        body = JSON.readTree(r.body());
        parsed.put(r.body(), body);
      }
      int vertices = body.get("route").get("coordinates").size();
      int locations = body.get("locations").size();
      double radius = body.get("radius_m").asDouble();
      if (r.name().equals("filter_large")) {
        assertThat(locations).isBetween(10_000, 100_000);
        assertThat(vertices).isEqualTo(251);
        largeSizes.add(locations);
      } else {
        assertThat(new int[] {vertices, locations, (int) radius}).isEqualTo(seed.get(r.name()));
      }
    }
    assertThat(largeSizes).hasSize(2);
  }

  @Test
  void aMixWeighsTheScenarios() {
    assertThat(FilterPool.counts(800, new double[] {4, 2, 1, 1}, 0)).containsExactly(400, 200, 100, 100, 0);
    assertThat(FilterPool.counts(10, new double[] {1, 1, 1, 0}, 0.1)).containsExactly(3, 3, 3, 0, 1);
  }

  @Test
  void everySearchLiesInTheDocumentedRanges() throws IOException {
    Path dir = temp.resolve("search");
    SearchPool.over(1).write(dir, 3, 50);
    RequestPool pool = RequestPool.read(dir);
    assertThat(pool.size()).isEqualTo(50);
    SyntheticLocations data = SyntheticLocations.create(1, Region.EUROPE);
    Set<String> categoryNames = Arrays.stream(Category.values()).map(Category::columnValue).collect(Collectors.toSet());
    Set<String> sorts = new HashSet<>();
    Set<String> methods = new HashSet<>();
    int withCategories = 0;
    double shortestKm = Double.POSITIVE_INFINITY;
    double longestKm = 0;
    for (PoolRequest r : pool.requests()) {
      methods.add(r.method());
      Map<String, String> fields = r.method().equals("GET") ? query(r.path()) : post(r);
      double radius = Double.parseDouble(fields.get("radius_m"));
      int limit = Integer.parseInt(fields.get("limit"));
      assertThat(radius).isBetween(100.0, 5_000.0);
      assertThat(limit).isBetween(10, 100);
      sorts.add(fields.get("sort"));
      if (fields.containsKey("categories")) {
        List<String> categories = List.of(fields.get("categories").split(","));
        assertThat(categories).hasSizeBetween(1, 3).doesNotHaveDuplicates();
        assertThat(categoryNames).containsAll(categories);
        withCategories++;
      }
      double[][] route = route(fields);
      double km = lengthMeters(route) / 1000;
      // Within rounding of the coordinates (7 decimals, or 5 in a polyline) of the drawn length.
      assertThat(km).isBetween(5 * 0.99, 1_000 * 1.01);
      shortestKm = Math.min(shortestKm, km);
      longestKm = Math.max(longestKm, km);
      assertThat(nearestTownMeters(data, route[0])).isLessThan(2.0);
    }
    assertThat(sorts).containsExactlyInAnyOrder("offset", "distance");
    assertThat(methods).containsExactlyInAnyOrder("GET", "POST");
    assertThat(withCategories).isBetween(5, 30);
    assertThat(shortestKm).isLessThan(50);
    assertThat(longestKm).isGreaterThan(200);
  }

  @Test
  void aNarrowerRangeKeepsTheRoutesInIt() throws IOException {
    Path dir = temp.resolve("short");
    SearchPool.over(1, 5, 20).write(dir, 4, 15);
    for (PoolRequest r : RequestPool.read(dir).requests()) {
      double km = lengthMeters(route(r.method().equals("GET") ? query(r.path()) : post(r))) / 1000;
      assertThat(km).isBetween(5 * 0.99, 20 * 1.01);
    }
    assertThatThrownBy(() -> SearchPool.over(1, 30, 20)).hasMessageContaining("min <= max");
  }

  private static Map<String, String> post(PoolRequest r) throws IOException {
    assertThat(r.path()).isEqualTo("/v1/search");
    JsonNode body = JSON.readTree(r.body());
    Map<String, String> fields = new HashMap<>();
    fields.put("radius_m", body.get("radius_m").asText());
    fields.put("limit", body.get("limit").asText());
    fields.put("sort", body.get("sort").asText());
    if (body.has("categories")) {
      List<String> c = JSON.convertValue(body.get("categories"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      fields.put("categories", String.join(",", c));
    }
    JsonNode route = body.get("route");
    if (route.has("polyline")) {
      assertThat(route.get("precision").asInt()).isEqualTo(5);
      fields.put("polyline", route.get("polyline").asText());
    } else {
      assertThat(route.get("type").asText()).isEqualTo("LineString");
      fields.put("coordinates", route.get("coordinates").toString());
    }
    return fields;
  }

  private static Map<String, String> query(String path) {
    assertThat(path).startsWith("/v1/search?");
    Map<String, String> fields = new HashMap<>();
    for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    assertThat(fields.get("precision")).isEqualTo("5");
    return fields;
  }

  /** The route's vertices as {lat, lon} pairs. */
  private static double[][] route(Map<String, String> fields) throws IOException {
    if (fields.containsKey("polyline")) {
      Route route = PolylineCodec.decode(fields.get("polyline"), 5);
      double[][] vertices = new double[route.size()][];
      for (int i = 0; i < route.size(); i++) {
        vertices[i] = new double[] {route.latDegrees(i), route.lonDegrees(i)};
      }
      return vertices;
    }
    JsonNode coordinates = JSON.readTree(fields.get("coordinates"));
    double[][] vertices = new double[coordinates.size()][];
    for (int i = 0; i < coordinates.size(); i++) {
      vertices[i] = new double[] {coordinates.get(i).get(1).asDouble(), coordinates.get(i).get(0).asDouble()};
    }
    return vertices;
  }

  private static double lengthMeters(double[][] route) {
    double sum = 0;
    for (int i = 1; i < route.length; i++) {
      sum += SPHERE.Inverse(route[i - 1][0], route[i - 1][1], route[i][0], route[i][1]).s12;
    }
    return sum;
  }

  private static double nearestTownMeters(SyntheticLocations data, double[] point) {
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < data.townCount(); k++) {
      best = Math.min(best, SPHERE.Inverse(point[0], point[1], data.town(k).latDegrees(), data.town(k).lonDegrees()).s12);
    }
    return best;
  }

  /** Every file of a directory by relative path, its bytes as ISO-8859-1 text so that maps compare by content. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }
}

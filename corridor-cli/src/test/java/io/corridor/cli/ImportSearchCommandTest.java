package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code corridor import} then {@code corridor search} end to end: the search must print the very
 * bytes {@code corridor filter} prints over the same files, and bad input must leave nothing behind.
 */
class ImportSearchCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"500", "2000"})
  void searchOfTheShippedExamplesEqualsFilter(String radius) throws IOException {
    Path stations = EXAMPLES.resolve("charging-stations.csv");
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = importFiles(stations);

    String filtered = filter(route, radius, stations);
    assertThat(filtered.lines().count()).isGreaterThan(5);
    assertThat(search(index, route, radius)).isEqualTo(filtered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "geojson", "jsonl"})
  void searchOfTheShippedExamplesEqualsFilterInEveryFormat(String format) throws IOException {
    Path stations = EXAMPLES.resolve("charging-stations.csv");
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = importFiles(stations);

    String filtered = filter(route, "2000", stations, "--format", format);
    // The two-entrance location, and the name and operator columns in their order.
    assertThat(filtered).contains("lutry-centre");
    if (!format.equals("csv")) {
      assertThat(filtered).contains("{\"name\":\"Lutry centre\",\"operator\":\"Romande Energie\"");
    }
    assertThat(search(index, route, "2000", "--format", format)).isEqualTo(filtered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "geojson", "jsonl"})
  void searchOfGeoJsonWithTypedPropertiesEqualsFilterInEveryFormat(String format)
      throws IOException {
    // The category before the name, numbers, booleans, null, nested values, a numeric feature id,
    // an id from the properties and a MultiPoint.
    Path places = write("typed.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[6.6275,46.5068]},
           "properties":{"category":"charging_station","kw":22,"price":0.45,"open":true,
             "note":null,"name":"Ouchy ⚡","tags":["ccs",{"since":2021}]}},
          {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[6.8425,46.46],[6.843,46.4605]]},
           "properties":{"id":"vevey","name":"","category":"fuel","brand":"fuel","kw":1e3}},
          {"type":"Feature","id":"cully","geometry":{"type":"Point","coordinates":[6.7302,46.4885]},
           "properties":null}
        ]}
        """);
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = importFiles(places);

    String filtered = filter(route, "500", places, "--format", format);
    assertThat(filtered).contains("7", "vevey", "cully");
    assertThat(search(index, route, "500", "--format", format)).isEqualTo(filtered);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void searchOfGeneratedLocationsWithMultiPointIdsEqualsFilter(long seed) throws IOException {
    Region region = new Region(46, 6, 47, 7.5);
    Path locations = generated(seed, region, 20_000);
    Path route = randomRoute(seed, region);
    Path index = importFiles(locations);

    for (String radius : List.of("300", "3000")) {
      String filtered = filter(route, radius, locations);
      assertThat(filtered.lines().count()).as("matches at %s m", radius).isGreaterThan(10);
      assertThat(search(index, route, radius)).isEqualTo(filtered);
    }
  }

  @Test
  void limitCategoriesAndSortByDistanceAgreeWithFilter() throws IOException {
    Region region = new Region(46, 6, 47, 7.5);
    Path locations = generated(7, region, 20_000);
    Path route = randomRoute(7, region);
    Path index = importFiles(locations);
    List<String> all = filter(route, "3000", locations).lines().toList();
    assertThat(all.size()).isGreaterThan(30);

    // --limit with the default order: the first N lines of the filter's answer.
    assertThat(search(index, route, "3000", "--limit", "10").lines().toList())
        .isEqualTo(all.subList(0, 11));

    // --categories: the filter's lines of those categories, in the same order.
    Map<String, String> categoryById = categories(locations);
    String wanted = categoryById.values().stream().sorted().distinct().limit(2)
        .collect(Collectors.joining(","));
    Set<String> wantedSet = Set.of(wanted.split(","));
    List<String> expected = new ArrayList<>(List.of(all.get(0)));
    all.stream().skip(1)
        .filter(line -> wantedSet.contains(categoryById.get(line.split(",")[0])))
        .forEach(expected::add);
    assertThat(search(index, route, "3000", "--categories", wanted).lines().toList())
        .isEqualTo(expected);

    // --sort distance: the same lines, by distance then id; a limit keeps the nearest.
    List<String> byDistance = search(index, route, "3000", "--sort", "distance").lines().toList();
    assertThat(byDistance.get(0)).isEqualTo("id,distance_m,offset_m");
    assertThat(byDistance).containsExactlyInAnyOrderElementsOf(all);
    List<String> rows = byDistance.subList(1, byDistance.size());
    assertThat(rows).isSortedAccordingTo(
        Comparator.comparingDouble((String line) -> Double.parseDouble(line.split(",")[1])));
    assertThat(search(index, route, "3000", "--sort", "distance", "--limit", "5").lines().toList())
        .isEqualTo(byDistance.subList(0, 6));
  }

  @Test
  void severalFilesMergeIntoOneIndex() throws IOException {
    Path first = write("first.csv", "id,lat,lon,name\na,46.50,6.60,A\nb,46.45,6.80,B\n");
    Path second = write("second.csv", "id,lat,lon,name\nc,46.48,6.70,C\nd,46.43,6.90,D\n");
    Path both = write("both.csv", "id,lat,lon,name\na,46.50,6.60,A\nb,46.45,6.80,B\n"
        + "c,46.48,6.70,C\nd,46.43,6.90,D\n");
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = importFiles(first, second);

    String filtered = filter(route, "5000", both);
    assertThat(filtered.lines().count()).isGreaterThan(1);
    assertThat(search(index, route, "5000")).isEqualTo(filtered);
  }

  @Test
  void anIdInTwoFilesIsRefusedNamingBoth() throws IOException {
    Path first = write("first.csv", "id,lat,lon\na,46.5,6.6\nshared,46.4,6.7\n");
    Path second = write("second.csv", "id,lat,lon\nshared,46.45,6.8\n");
    Path out = dir.resolve("index.corridx");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "import",
        "--locations", first.toString(), "--locations", second.toString(), "--out", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("second.csv", "first.csv", "\"shared\"");
    assertThat(out).doesNotExist();
  }

  @Test
  void aBadRowIsRefusedWithItsLineAndNothingWritten() throws IOException {
    Path bad = write("bad.csv", "id,lat,lon\na,46.5,6.6\nb,north,6.7\n");
    Path out = dir.resolve("index.corridx");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "import",
        "--locations", bad.toString(), "--out", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv", "line 3", "lat \"north\" is not a decimal number");
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.csv");
    }
  }

  @Test
  void aMissingIdColumnIsRefused() throws IOException {
    Path bad = write("bad.csv", "key,lat,lon\na,46.5,6.6\n");
    Path out = dir.resolve("index.corridx");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "import",
        "--locations", bad.toString(), "--out", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bad.csv", "line 1", "no \"id\" column");
    assertThat(out).doesNotExist();
  }

  @Test
  void aCorruptedOrTruncatedIndexIsRefusedNamingTheFile() throws IOException {
    Path index = importFiles(EXAMPLES.resolve("charging-stations.csv"));
    byte[] bytes = Files.readAllBytes(index);
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");

    byte[] flipped = bytes.clone();
    flipped[bytes.length - 3] ^= 0x55;
    Path corrupted = Files.write(dir.resolve("corrupted.corridx"), flipped);
    Path truncated = Files.write(dir.resolve("truncated.corridx"),
        java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path notAnIndex = write("not-an-index.corridx", "id,lat,lon\n");

    for (Path broken : List.of(corrupted, truncated, notAnIndex)) {
      StringWriter err = new StringWriter();
      int status = CorridorCommand.run(new PrintWriter(err, true), "search", "--index",
          broken.toString(), "--route", route.toString(), "--radius", "500");
      assertThat(status).as(broken.toString()).isEqualTo(2);
      assertThat(err.toString()).contains(broken.getFileName().toString(), "not a usable index");
    }
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "search", "--index",
        dir.resolve("missing.corridx").toString(), "--route", route.toString(), "--radius", "500");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("missing.corridx");
  }

  @Test
  void geoJsonWithNamedFieldsKeepsItsPropertiesInJsonLines() throws IOException {
    Path places = write("places.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[6.6275,46.5068]},
           "properties":{"ref":"p1","title":"Ouchy","kind":"charging","power":22}},
          {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[6.9,46.43],[6.91,46.431]]},
           "properties":{"ref":"p2","title":"Two doors","kind":"fuel"}}
        ]}
        """);
    Path index = dir.resolve("index.corridx");
    assertThat(CorridorCommand.run("import", "--locations", places.toString(), "--out",
        index.toString(), "--id-field", "ref", "--name-field", "title",
        "--category-field", "kind")).isZero();

    String jsonl = search(index, EXAMPLES.resolve("lausanne-montreux.geojson"), "5000",
        "--format", "jsonl", "--categories", "charging");
    assertThat(jsonl.lines().toList()).hasSize(1);
    assertThat(jsonl).contains("\"id\":\"p1\"", "\"points\":[[6.6275,46.5068]]",
        "\"properties\":{\"ref\":\"p1\",\"title\":\"Ouchy\",\"kind\":\"charging\",\"power\":22}");
  }

  private Path importFiles(Path... files) throws IOException {
    Path index = Files.createTempFile(dir, "index", ".corridx");
    List<String> args = new ArrayList<>(List.of("import", "--out", index.toString()));
    for (Path f : files) {
      args.add("--locations");
      args.add(f.toString());
    }
    assertThat(CorridorCommand.run(args.toArray(String[]::new))).isZero();
    return index;
  }

  private String filter(Path route, String radius, Path locations, String... options)
      throws IOException {
    Path out = Files.createTempFile(dir, "filter", ".out");
    List<String> args = new ArrayList<>(List.of("filter", "--route", route.toString(), "--radius",
        radius, "--locations", locations.toString(), "--output", out.toString()));
    args.addAll(List.of(options));
    assertThat(CorridorCommand.run(args.toArray(String[]::new))).isZero();
    return Files.readString(out);
  }

  private String search(Path index, Path route, String radius, String... options)
      throws IOException {
    Path out = Files.createTempFile(dir, "search", ".out");
    List<String> args = new ArrayList<>(List.of("search", "--index", index.toString(), "--route",
        route.toString(), "--radius", radius, "--output", out.toString()));
    args.addAll(List.of(options));
    assertThat(CorridorCommand.run(args.toArray(String[]::new))).isZero();
    return Files.readString(out);
  }

  /** Writes generated locations, then more rows for some ids so that they have several points. */
  private Path generated(long seed, Region region, int count) throws IOException {
    Path file = dir.resolve("generated-" + seed + ".csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      SyntheticLocations.create(seed, region).writeCsv(count, out);
    }
    Random random = new Random(seed);
    List<String> ids = Files.readAllLines(file).stream().skip(1)
        .map(line -> line.split(",")[0]).toList();
    StringBuilder extra = new StringBuilder();
    for (int k = 0; k < count / 10; k++) {
      String id = ids.get(random.nextInt(ids.size()));
      extra.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,,%n", id,
          region.minLat() + random.nextDouble() * (region.maxLat() - region.minLat()),
          region.minLon() + random.nextDouble() * (region.maxLon() - region.minLon())));
    }
    Files.writeString(file, extra, java.nio.file.StandardOpenOption.APPEND);
    return file;
  }

  private Path randomRoute(long seed, Region region) throws IOException {
    Random random = new Random(seed * 31 + 1);
    StringBuilder coordinates = new StringBuilder();
    for (int v = 0; v < 12; v++) {
      coordinates.append(v == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,%.6f]",
          region.minLon() + random.nextDouble() * (region.maxLon() - region.minLon()),
          region.minLat() + random.nextDouble() * (region.maxLat() - region.minLat())));
    }
    return write("route-" + seed + ".geojson",
        "{\"type\":\"LineString\",\"coordinates\":[" + coordinates + "]}");
  }

  private static Map<String, String> categories(Path csv) throws IOException {
    Map<String, String> byId = new HashMap<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] f = line.split(",", -1);
      byId.putIfAbsent(f[0], f[f.length - 1]);
    }
    return byId;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}

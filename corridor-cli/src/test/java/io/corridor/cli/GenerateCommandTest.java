package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.location.LocationSet;
import io.corridor.formats.LocationReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code corridor generate} end to end: the file it writes, its determinism, and its refusals. */
class GenerateCommandTest {
  private static final Set<String> CATEGORIES = Set.of("fuel", "charging_station", "restaurant",
      "cafe", "parking", "hotel", "supermarket", "pharmacy", "bakery", "atm", "rest_area");

  @TempDir Path dir;

  private Path generate(String name, String... options) {
    Path out = dir.resolve(name);
    String[] args = new String[options.length + 3];
    args[0] = "generate";
    args[1] = "--output";
    args[2] = out.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    assertThat(CorridorCommand.run(args)).isZero();
    return out;
  }

  @Test
  void writesLocationsThatTheReaderAcceptsInsideTheRegion() throws IOException {
    Path out = generate("lake.csv", "--count", "10000", "--seed", "4", "--region", "46.2,6.1,46.6,7.0");

    assertThat(Files.readAllLines(out).get(0)).isEqualTo("id,lat,lon,name,category");
    LocationSet set = LocationReader.read(out);
    assertThat(set.size()).isEqualTo(10_000);
    Set<String> ids = new HashSet<>();
    Set<String> categories = new HashSet<>();
    for (int i = 0; i < set.size(); i++) {
      ids.add(set.id(i));
      categories.add((String) set.properties(i).get("category"));
      assertThat(set.latDegrees(i)).isBetween(46.2, 46.6);
      assertThat(set.lonDegrees(i)).isBetween(6.1, 7.0);
    }
    assertThat(ids).hasSize(10_000).contains("loc-0000001", "loc-0010000");
    assertThat(categories).isEqualTo(CATEGORIES);
  }

  @Test
  void theSameOptionsGiveTheSameBytesAndAnotherSeedOtherBytes() throws IOException {
    byte[] first = Files.readAllBytes(generate("a.csv", "--count", "10000"));
    byte[] again = Files.readAllBytes(generate("b.csv", "--count", "10000", "--seed", "1"));
    byte[] other = Files.readAllBytes(generate("c.csv", "--count", "10000", "--seed", "2"));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    List<String> lines = Files.readAllLines(dir.resolve("a.csv"));
    assertThat(lines).hasSize(10_001);
    assertThat(lines.get(1)).matches("loc-0000001,-?\\d+\\.\\d{6},-?\\d+\\.\\d{6},[^,]+,[a-z_]+");
  }

  @Test
  void aCountOfZeroWritesOnlyTheHeader() throws IOException {
    assertThat(Files.readString(generate("empty.csv", "--count", "0")))
        .isEqualTo("id,lat,lon,name,category\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--count|-1|--count: -1 is outside [0, 100000000]",
      "--count|100000001|--count: 100000001 is outside [0, 100000000]",
      "--region|55,-5,43,20|--region: minLat 55.0 must be below maxLat 43.0",
      "--region|43,-5,95,20|--region: maxLat 95.0 is outside [-90, 90]",
      "--region|43,-5,55,200|--region: maxLon 200.0 is outside [-180, 180]",
      "--region|43,-5,55|--region: '43,-5,55' is not minLat,minLon,maxLat,maxLon",
      "--seed|one|--seed"})
  void refusesABadOptionWithStatusTwoNamingItAndWritesNothing(
      String option, String value, String message) {
    Path out = dir.resolve("out.csv");
    StringWriter err = new StringWriter();
    String[] args = option.equals("--count")
        ? new String[] {"generate", "--output", out.toString(), "--count", value}
        : new String[] {"generate", "--output", out.toString(), "--count", "10", option, value};

    int status = CorridorCommand.run(new PrintWriter(err, true), args);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(message);
    assertThat(out).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void requiresACount() {
    StringWriter err = new StringWriter();
    assertThat(CorridorCommand.run(new PrintWriter(err, true), "generate")).isEqualTo(2);
    assertThat(err.toString()).contains("--count");
  }
}

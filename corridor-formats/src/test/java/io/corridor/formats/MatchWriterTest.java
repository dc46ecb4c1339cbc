package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.location.LocationSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchWriterTest {
  @TempDir Path dir;

  /** Two locations from CSV (string properties), one with two points and an id needing quotes. */
  private static LocationSet csvSet() {
    return LocationReader.parseCsv(
        "id,lat,lon,name\n\"a,\"\"1\"\"\",48.5,2.25,Nord\nb,-33.875,151.2,Sud\nb,-33.9,151.25,Sud 2\n",
        "t.csv");
  }

  private static final List<Match> MATCHES =
      List.of(new Match(1, 0.0004, 12.3456), new Match(0, 1234.5, 6789));

  private static String write(OutputFormat format, LocationSet set, List<Match> matches)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MatchWriter.write(format, set, matches, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesCsvWithThreeDecimalsAndQuotedIds() throws IOException {
    assertThat(write(OutputFormat.CSV, csvSet(), MATCHES)).isEqualTo(
        "id,distance_m,offset_m\n"
            + "b,0.000,12.346\n"
            + "\"a,\"\"1\"\"\",1234.500,6789.000\n");
  }

  @Test
  void writesAHeaderOnlyCsvForNoMatch() throws IOException {
    assertThat(write(OutputFormat.CSV, csvSet(), List.of())).isEqualTo("id,distance_m,offset_m\n");
  }

  @Test
  void writesGeoJsonWithPointsMultiPointsAndProperties() throws IOException {
    assertThat(write(OutputFormat.GEOJSON, csvSet(), MATCHES)).isEqualTo(
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":{\"type\":\"MultiPoint\","
            + "\"coordinates\":[[151.2,-33.875],[151.25,-33.9]]},"
            + "\"properties\":{\"name\":\"Sud\",\"distance_m\":0.000,\"offset_m\":12.346}},"
            + "{\"type\":\"Feature\",\"id\":\"a,\\\"1\\\"\",\"geometry\":{\"type\":\"Point\","
            + "\"coordinates\":[2.25,48.5]},"
            + "\"properties\":{\"name\":\"Nord\",\"distance_m\":1234.500,\"offset_m\":6789.000}}"
            + "]}\n");
    assertThat(write(OutputFormat.GEOJSON, csvSet(), List.of()))
        .isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[]}\n");
  }

  @Test
  void writesJsonPropertiesWithTheirTypes() throws IOException {
    LocationSet set = LocationReader.parseGeoJson(new ByteArrayInputStream((
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":7,"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},"
            + "\"properties\":{\"pumps\":8,\"open\":true,\"tags\":[\"24h\"],\"x\":null,"
            + "\"brand\":{\"n\":\"é\"}}}]}")
        .getBytes(StandardCharsets.UTF_8)), "t.geojson");
    List<Match> one = List.of(new Match(0, 1.0005, 2));
    assertThat(write(OutputFormat.GEOJSON, set, one)).isEqualTo(
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"7\","
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},"
            + "\"properties\":{\"pumps\":8,\"open\":true,\"tags\":[\"24h\"],\"x\":null,"
            + "\"brand\":{\"n\":\"é\"},\"distance_m\":1.001,\"offset_m\":2.000}}]}\n");
    assertThat(write(OutputFormat.JSONL, set, one)).isEqualTo(
        "{\"id\":\"7\",\"distance_m\":1.001,\"offset_m\":2.000,\"points\":[[1.5,2.5]],"
            + "\"properties\":{\"pumps\":8,\"open\":true,\"tags\":[\"24h\"],\"x\":null,"
            + "\"brand\":{\"n\":\"é\"}}}\n");
  }

  @Test
  void refusesGeoJsonOutputOfAPropertyNamedLikeItsOwnDistances() throws IOException {
    LocationSet set = LocationReader.parseCsv("id,lat,lon,offset_m\na,1,2,old\n", "t.csv");
    List<Match> one = List.of(new Match(0, 1, 2));
    assertThatThrownBy(() -> write(OutputFormat.GEOJSON, set, one))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("location \"a\" has a property \"offset_m\", which GeoJSON output writes itself:"
            + " rename it in the input, or write CSV or JSON Lines, which keep it apart");
    // JSON Lines keeps the input's properties in their own object: nothing clashes.
    assertThat(write(OutputFormat.JSONL, set, one)).contains("\"offset_m\":2.000")
        .contains("\"properties\":{\"offset_m\":\"old\"}");
  }

  @Test
  void writesOneJsonObjectPerLine() throws IOException {
    assertThat(write(OutputFormat.JSONL, csvSet(), MATCHES)).isEqualTo(
        "{\"id\":\"b\",\"distance_m\":0.000,\"offset_m\":12.346,"
            + "\"points\":[[151.2,-33.875],[151.25,-33.9]],\"properties\":{\"name\":\"Sud\"}}\n"
            + "{\"id\":\"a,\\\"1\\\"\",\"distance_m\":1234.500,\"offset_m\":6789.000,"
            + "\"points\":[[2.25,48.5]],\"properties\":{\"name\":\"Nord\"}}\n");
    assertThat(write(OutputFormat.JSONL, csvSet(), List.of())).isEmpty();
  }

  @Test
  void writesALocationWithoutProperties() throws IOException {
    LocationSet set = LocationSet.builder().add("p", 1, 2).build();
    assertThat(write(OutputFormat.JSONL, set, List.of(new Match(0, 3, 4))))
        .isEqualTo("{\"id\":\"p\",\"distance_m\":3.000,\"offset_m\":4.000,\"points\":[[2.0,1.0]],"
            + "\"properties\":{}}\n");
  }

  @Test
  void leavesTheCallersStreamOpen() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        throw new AssertionError("closed");
      }
    };
    for (OutputFormat f : OutputFormat.values()) {
      MatchWriter.write(f, csvSet(), MATCHES, out);
    }
    assertThat(out.size()).isPositive();
  }

  @Test
  void writesAFileAtomicallyReplacingTheOldOne() throws IOException {
    Path target = Files.writeString(dir.resolve("out.csv"), "old");
    MatchWriter.writeFile(OutputFormat.CSV, csvSet(), MATCHES.subList(0, 1), target);
    assertThat(Files.readString(target)).isEqualTo("id,distance_m,offset_m\nb,0.000,12.346\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void leavesNothingPartialWhenWritingFails() throws IOException {
    Path target = Files.writeString(dir.resolve("out.json"), "old");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      throw new UncheckedIOException(new IOException("disk full"));
    })).isInstanceOf(UncheckedIOException.class);
    assertThat(Files.readString(target)).isEqualTo("old");
    Path fresh = dir.resolve("fresh.json");
    assertThatThrownBy(() -> AtomicFiles.write(fresh, out -> {
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void namesFormatsAsTheCommandLineDoes() {
    assertThat(OutputFormat.fromCliName("geojson")).isEqualTo(OutputFormat.GEOJSON);
    assertThat(OutputFormat.fromCliName("JSONL")).isEqualTo(OutputFormat.JSONL);
    assertThat(OutputFormat.CSV.cliName()).isEqualTo("csv");
    assertThatThrownBy(() -> OutputFormat.fromCliName("xml"))
        .hasMessage("unknown format \"xml\": expected one of csv, geojson, jsonl");
  }

  @Test
  void formatsThreeDecimals() {
    assertThat(Decimals.three(0)).isEqualTo("0.000");
    assertThat(Decimals.three(12.345)).isEqualTo("12.345");
    assertThat(Decimals.three(0.0005)).isEqualTo("0.001");
    assertThat(Decimals.three(99.9996)).isEqualTo("100.000");
    assertThat(Decimals.three(-1.5)).isEqualTo("-1.500");
    assertThat(Decimals.three(20_015_086.796)).isEqualTo("20015086.796");
    assertThat(Decimals.three(1e13)).isEqualTo("10000000000000.000");
    assertThat(Map.of("k", Decimals.three(1e-9))).containsEntry("k", "0.000");
  }
}

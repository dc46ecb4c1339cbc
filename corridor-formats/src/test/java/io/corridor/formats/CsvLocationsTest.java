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

class CsvLocationsTest {
  @TempDir Path dir;

  private LocationSet read(String content) throws IOException {
    return LocationReader.read(Files.writeString(dir.resolve("stations.csv"), content));
  }

  private String at(int line) {
    return dir.resolve("stations.csv") + ": line " + line + ": ";
  }

  private void assertRefused(String content, String message) {
    assertThatThrownBy(() -> read(content))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void readsIdLatLonAndKeepsOtherColumnsAsProperties() throws IOException {
    LocationSet set = read("id,lat,lon,name\na,48.85,2.35,Paris\nb,-33.9,151.2,Sydney\n");
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.id(0)).isEqualTo("a");
    assertThat(set.latDegrees(0)).isEqualTo(48.85);
    assertThat(set.lonDegrees(0)).isEqualTo(2.35);
    assertThat(set.properties(1)).isEqualTo(Map.of("name", "Sydney"));
  }

  @Test
  void acceptsColumnsInAnyOrder() throws IOException {
    LocationSet set = read("brand,lon,id,lat,open\nX,2.5,s1,-1.25,yes\n");
    assertThat(set.id(0)).isEqualTo("s1");
    assertThat(set.latDegrees(0)).isEqualTo(-1.25);
    assertThat(set.lonDegrees(0)).isEqualTo(2.5);
    assertThat(List.copyOf(set.properties(0).keySet())).containsExactly("brand", "open");
    assertThat(set.properties(0)).containsEntry("brand", "X").containsEntry("open", "yes");
  }

  @Test
  void acceptsOtherCaseAndSpacesInTheHeaderWhenNoExactNameExists() throws IOException {
    LocationSet set = read("\uFEFFID, Lat ,LON\r\na,1,2\r\n");
    assertThat(set.id(0)).isEqualTo("a");
    assertThat(set.latDegrees(0)).isEqualTo(1);
    assertThat(set.lonDegrees(0)).isEqualTo(2);
  }

  @Test
  void honoursRfc4180Quoting() throws IOException {
    LocationSet set = read("id,lat,lon,name\n"
        + "\"a,1\",1,2,\"Station \"\"North\"\", exit 3\"\n"
        + "b,3,4,\"two\nlines\"\n"
        + "c,5,6,plain\n");
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.id(0)).isEqualTo("a,1");
    assertThat(set.properties(0)).containsEntry("name", "Station \"North\", exit 3");
    assertThat(set.properties(1)).containsEntry("name", "two\nlines");
    assertThat(set.id(2)).isEqualTo("c");
  }

  @Test
  void groupsRowsWithTheSameIdKeepingTheFirstProperties() throws IOException {
    LocationSet set = read("id,lat,lon,gate\nx,1,1,north\ny,5,5,only\nx,2,2,south\nx,3,3,east\n");
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.id(0)).isEqualTo("x");
    assertThat(set.pointEnd(0) - set.pointStart(0)).isEqualTo(3);
    assertThat(set.latDegrees(set.pointStart(0) + 2)).isEqualTo(3);
    assertThat(set.properties(0)).containsEntry("gate", "north");
    assertThat(set.id(1)).isEqualTo("y");
  }

  @Test
  void readsAHeaderOnlyFileAsNoLocationAndSkipsBlankLines() throws IOException {
    assertThat(read("id,lat,lon\n").size()).isZero();
    assertThat(read("id,lat,lon\n\na,1,2\n\n").size()).isEqualTo(1);
  }

  @Test
  void acceptsTheExtremesOfTheRanges() throws IOException {
    LocationSet set = read("id,lat,lon\na,-90,-180\nb,90,180\nc,1e1,-0.0\n");
    assertThat(set.size()).isEqualTo(3);
    assertThat(set.latDegrees(2)).isEqualTo(10);
  }

  @Test
  void refusesAnEmptyFile() {
    assertRefused("", at(1) + "the file is empty: expected a header row naming id, lat and lon columns");
  }

  @Test
  void refusesAHeaderWithoutARequiredColumn() {
    assertRefused("id,latitude,lon\na,1,2\n",
        at(1) + "the header has no \"lat\" column (it has: id, latitude, lon); id, lat and lon are required");
    assertRefused("name,lat,lon\n", at(1) + "the header has no \"id\" column (it has: name, lat, lon);"
        + " id, lat and lon are required");
  }

  @Test
  void refusesARequiredColumnNamedTwice() {
    assertRefused("id,lat,lon,lat\n", at(1) + "the header names column \"lat\" twice (columns 2 and 4):"
        + " name each column once");
    assertRefused("id,Lat,lon,LAT\n", at(1) + "the header has several columns named \"lat\""
        + " in different cases, and none exactly \"lat\"");
  }

  @Test
  void refusesOutOfRangeCoordinatesNamingTheLine() {
    assertRefused("id,lat,lon\na,1,2\nb,91.2,0\n", at(3) + "latitude 91.2 is outside [-90, 90]");
    assertRefused("id,lat,lon\na,1,-180.5\n", at(2) + "longitude -180.5 is outside [-180, 180]");
  }

  @Test
  void refusesNonFiniteCoordinates() {
    assertRefused("id,lat,lon\na,NaN,2\n", at(2) + "lat \"NaN\" is not a decimal number");
    assertRefused("id,lat,lon\na,1,Infinity\n", at(2) + "lon \"Infinity\" is not a decimal number");
    assertRefused("id,lat,lon\na,0x1p5,2\n", at(2) + "lat \"0x1p5\" is not a decimal number");
    assertRefused("id,lat,lon\na,1,1e999\n", at(2) + "longitude Infinity is outside [-180, 180]");
  }

  @Test
  void refusesUnparsableOrEmptyNumbers() {
    assertRefused("id,lat,lon\na,1,2\nb,north,2\n", at(3) + "lat \"north\" is not a decimal number");
    assertRefused("id,lat,lon\na,1,2d\n", at(2) + "lon \"2d\" is not a decimal number");
    assertRefused("id,lat,lon\na,,2\n", at(2) + "lat is empty");
    assertRefused("id,lat,lon\na,\"1,5\",2\n", at(2) + "lat \"1,5\" is not a decimal number");
  }

  @Test
  void refusesAnEmptyId() {
    assertRefused("id,lat,lon\na,1,2\n,3,4\n", at(3) + "id is empty");
    assertRefused("id,lat,lon\n\" \",3,4\n", at(2) + "id is empty");
  }

  @Test
  void refusesRaggedRowsNamingThePhysicalLine() {
    assertRefused("id,lat,lon,name\n\"a\nb\",1,2,x\nc,3,4\n", at(4) + "the row has 3 fields but the header has 4");
    assertRefused("id,lat,lon\na,1,2,extra\n", at(2) + "the row has 4 fields but the header has 3");
    assertRefused("id,lat,lon\n\na\n", at(3) + "the row has 1 field but the header has 3");
  }

  @Test
  void refusesBrokenQuoting() {
    assertThatThrownBy(() -> read("id,lat,lon\na,1,2\n\"b\"x,3,4\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(at(3) + "malformed CSV: ");
  }

  @Test
  void refusesAMissingFile() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> LocationReader.read(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void parsesCsvText() {
    LocationSet set = LocationReader.parseCsv("id,lat,lon\na,1,2\n", "body");
    assertThat(set.size()).isEqualTo(1);
    assertThatThrownBy(() -> LocationReader.parseCsv("id,lat,lon\na,1,200\n", "body"))
        .hasMessage("body: line 2: longitude 200.0 is outside [-180, 180]");
  }

  @Test
  void refusesAnUnclosedQuoteRatherThanSwallowingTheRestOfTheFile() {
    // The quote opened on line 3 swallows lines 4 and 5 into one field of the last column.
    assertRefused("id,lat,lon,name\na,1,2,x\nb,1,2,\"open\nc,1,2,y\nd,1,2,z\n",
        at(3) + "a quoted field is not closed: its opening quote runs to the end of the file");
    assertRefused("id,lat,lon,name\na,1,2,\"ends \"\"\n",
        at(2) + "a quoted field is not closed: its opening quote runs to the end of the file");
    assertRefused("id,lat,lon,name\na,1,2,\"",
        at(2) + "a quoted field is not closed: its opening quote runs to the end of the file");
    assertRefused("id,lat,\"lon\na,1,2\n",
        at(1) + "column 3's name runs over several lines: is a quote left open?");
  }

  @Test
  void acceptsQuotedLastFieldsThatAreClosed() throws IOException {
    for (String last : new String[] {"\"x\"", "\"\"", "\"\"\"\"", "\"a\"\"\"", "\"two\nlines\"",
        "\"\"\"\"\"\"", "\"x\"\r\n\r\n"}) {
      LocationSet set = read("id,lat,lon,name\na,1,2," + last);
      assertThat(set.size()).as(last).isEqualTo(1);
    }
  }

  @Test
  void refusesAnyColumnNamedTwice() {
    assertRefused("id,lat,lon,name,name\na,1,2,x,y\n",
        at(1) + "the header names column \"name\" twice (columns 4 and 5): name each column once");
  }

  @Test
  void echoesNoControlCharacterAndNoLongInput() {
    String header = "\u001b[31mred\u001b[0m," + "x".repeat(500);
    assertThatThrownBy(() -> read(header + "\n1,2\n"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").contains("\\u001B[31mred")
            .contains("…").hasSizeLessThan(400));
  }
}

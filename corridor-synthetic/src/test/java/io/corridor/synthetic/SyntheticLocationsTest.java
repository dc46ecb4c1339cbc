package io.corridor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.LocationSet;
import io.corridor.formats.LocationReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The synthetic data set: deterministic bytes, read back by the CSV reader, inside its region, clustered. */
class SyntheticLocationsTest {
  private static final int COUNT = 10_000;

  private static byte[] csv(long seed, Region region, long count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SyntheticLocations.create(seed, region).writeCsv(count, out);
    return out.toByteArray();
  }

  @Test
  void sameSeedAndRegionGiveTheSameBytes() throws IOException {
    assertThat(csv(7, Region.EUROPE, COUNT)).isEqualTo(csv(7, Region.EUROPE, COUNT));
  }

  @Test
  void differentSeedsGiveDifferentData() throws IOException {
    assertThat(csv(1, Region.EUROPE, COUNT)).isNotEqualTo(csv(2, Region.EUROPE, COUNT));
  }

  @Test
  void aSmallerDataSetIsThePrefixOfALargerOne() throws IOException {
    String small = new String(csv(3, Region.EUROPE, 1_000), StandardCharsets.UTF_8);
    String large = new String(csv(3, Region.EUROPE, 2_000), StandardCharsets.UTF_8);
    assertThat(large).startsWith(small);
  }

  /**
   * Pins the bytes of a small data set, so that a change of JDK or of the generator that alters the
   * data is seen: benchmarks recorded on seed 1 must stay comparable.
   */
  @Test
  void seedOneIsPinned() throws IOException, NoSuchAlgorithmException {
    byte[] bytes = csv(1, Region.EUROPE, 1_000);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith("id,lat,lon,name,category\nloc-0000001,");
    assertThat(sha).isEqualTo("f244854ec854607f97e7621813103c4535fa89192dff3f2649e400c9b244e1d0");
  }

  @Test
  void theCsvReadsBackWithEveryLocationInsideTheRegionAndEveryCategory() throws IOException {
    LocationSet set = LocationReader.parseCsv(
        new String(csv(1, Region.EUROPE, COUNT), StandardCharsets.UTF_8), "generated.csv");

    assertThat(set.size()).isEqualTo(COUNT); // rows sharing an id would have merged
    assertThat(set.pointCount()).isEqualTo(COUNT);
    Set<Category> categories = EnumSet.noneOf(Category.class);
    for (int i = 0; i < set.size(); i++) {
      assertThat(set.id(i)).isEqualTo(SyntheticLocations.id(i));
      assertThat(Region.EUROPE.contains(set.latDegrees(i), set.lonDegrees(i))).isTrue();
      assertThat((String) set.properties(i).get("name")).isNotBlank();
      categories.add(Category.valueOf(((String) set.properties(i).get("category")).toUpperCase()));
    }
    assertThat(categories).containsExactlyInAnyOrder(Category.values());
  }

  @Test
  void theLocationSetEqualsTheCsvReadBack() throws IOException {
    LocationSet direct = SyntheticLocations.create(5, Region.EUROPE).locationSet(2_000);
    LocationSet read = LocationReader.parseCsv(
        new String(csv(5, Region.EUROPE, 2_000), StandardCharsets.UTF_8), "generated.csv");

    assertThat(direct.size()).isEqualTo(read.size());
    for (int i = 0; i < read.size(); i++) {
      assertThat(direct.id(i)).isEqualTo(read.id(i));
      assertThat(direct.latDegrees(i)).isEqualTo(read.latDegrees(i));
      assertThat(direct.lonDegrees(i)).isEqualTo(read.lonDegrees(i));
      assertThat(direct.properties(i)).isEqualTo(read.properties(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "46.5,6.5,46.6,6.7",          // a few kilometres: towns spill over the edges
      "-90,-180,90,180",            // the whole globe, poles included
      "0.1234564,-0.1234567,0.1234589,0.1234569", // bounds finer than six decimals
      "89.99,179.99,90,180"})       // a corner at the pole and the antimeridian
  void everyLocationStaysInsideAnyRegion(String box) throws IOException {
    Region region = Region.parse(box);
    LocationSet set = LocationReader.parseCsv(
        new String(csv(11, region, 3_000), StandardCharsets.UTF_8), "generated.csv");

    assertThat(set.size()).isEqualTo(3_000);
    for (int i = 0; i < set.size(); i++) {
      assertThat(region.contains(set.latDegrees(i), set.lonDegrees(i)))
          .as("%s at %s,%s", set.id(i), set.latDegrees(i), set.lonDegrees(i)).isTrue();
    }
  }

  @Test
  void locationsClusterAroundTownsAndRoads() {
    SyntheticLocations generator = SyntheticLocations.create(1, Region.EUROPE);
    Map<Long, Integer> perCell = new HashMap<>();
    for (int i = 0; i < COUNT; i++) {
      SyntheticLocation l = generator.location(i);
      perCell.merge((long) Math.floor(l.lat() * 10) * 10_000 + (long) Math.floor(l.lon() * 10), 1, Integer::sum);
    }
    int[] counts = perCell.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    int busiest = 0;
    // The busiest 1% of the region's 30 000 cells of 0.1° hold at least a third of the locations;
    // spread uniformly they would hold about 1%.
    for (int k = 0; k < 300 && k < counts.length; k++) {
      busiest += counts[counts.length - 1 - k];
    }
    assertThat(busiest).isGreaterThan(COUNT / 3);
    assertThat(generator.townCount()).isBetween(1_000, 1_500);
    assertThat(generator.roadCount()).isGreaterThan(generator.townCount());
  }

  @Test
  void namesAreVariedAndIdsUnique() {
    SyntheticLocations generator = SyntheticLocations.create(1, Region.EUROPE);
    Set<String> names = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < COUNT; i++) {
      SyntheticLocation l = generator.location(i);
      names.add(l.name());
      ids.add(l.id());
      assertThat(l.name()).doesNotContain(",", "\"");
    }
    assertThat(ids).hasSize(COUNT);
    assertThat(names.size()).isGreaterThan(COUNT / 4);
  }

  @Test
  void writesDegreesWithSixDecimalsAndIdsOnSevenDigits() {
    assertThat(Arrays.asList(SyntheticLocations.degrees(0), SyntheticLocations.degrees(-1),
        SyntheticLocations.degrees(-4_020_500), SyntheticLocations.degrees(180_000_000),
        SyntheticLocations.degrees(-90_000_000), SyntheticLocations.degrees(43_123_456)))
        .containsExactly("0.000000", "-0.000001", "-4.020500", "180.000000", "-90.000000", "43.123456");
    assertThat(SyntheticLocations.id(0)).isEqualTo("loc-0000001");
    assertThat(SyntheticLocations.id(9_999_999)).isEqualTo("loc-10000000");
  }

  @Test
  void refusesRegionsThatAreNotABox() {
    assertThatThrownBy(() -> Region.parse("55,-5,43,20"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minLat 55.0 must be below maxLat 43.0");
    assertThatThrownBy(() -> Region.parse("43,20,55,-5"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minLon 20.0 must be below maxLon -5.0");
    assertThatThrownBy(() -> Region.parse("43,-5,91,20"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxLat 91.0 is outside [-90, 90]");
    assertThatThrownBy(() -> Region.parse("43,-181,55,20"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minLon -181.0 is outside [-180, 180]");
    assertThatThrownBy(() -> Region.parse("43,-5,55"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not minLat,minLon,maxLat,maxLon");
    assertThatThrownBy(() -> Region.parse("43,west,55,20"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'west' is not a number");
    assertThatThrownBy(() -> Region.parse("43,NaN,55,20"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minLon NaN");
    assertThatThrownBy(() -> Region.parse("0.1234561,0,0.1234569,1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no point with six decimals");
  }

  @Test
  void theLargestTownIsWhereTheDataCrowds() {
    SyntheticLocations data = SyntheticLocations.create(1, Region.EUROPE);
    Town largest = data.town(0);
    Town smallest = data.town(data.townCount() - 1);
    int nearLargest = 0;
    int nearSmallest = 0;
    for (int i = 0; i < COUNT; i++) {
      SyntheticLocation l = data.location(i);
      nearLargest += flatKm(l, largest) < 20 ? 1 : 0;
      nearSmallest += flatKm(l, smallest) < 20 ? 1 : 0;
    }
    // Zipf: the largest of about 1 200 towns holds 68 % / H(1 200), about 9 %, of the locations.
    assertThat(nearLargest).isGreaterThan(COUNT / 20).isGreaterThan(10 * nearSmallest);
    assertThat(Region.EUROPE.contains(largest.latDegrees(), largest.lonDegrees())).isTrue();
    assertThatThrownBy(() -> data.town(data.townCount())).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static double flatKm(SyntheticLocation l, Town t) {
    double north = (l.lat() - t.latDegrees()) * 111.195;
    double east = (l.lon() - t.lonDegrees()) * 111.195 * Math.cos(Math.toRadians(t.latDegrees()));
    return Math.hypot(north, east);
  }
}

package io.corridor.synthetic;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.corridor.core.location.LocationSet;
import java.io.IOException;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A realistic synthetic location data set for demos and benchmarks, the same for the same seed and
 * region on every machine and JDK: places clustered around towns of Zipf-distributed sizes, strung
 * along roads between neighbouring towns, and scattered thinly over the open country.
 *
 * <p>Location {@code i} depends only on the seed, the region and {@code i} (it has its own random
 * stream), so any slice can be generated alone, and a data set of {@code n} locations is the first
 * {@code n} rows of any larger one.
 */
public final class SyntheticLocations {
  /** The largest count the generator accepts: about 6 GB of CSV. */
  public static final long MAX_COUNT = 100_000_000;
  /** The CSV header, in column order. */
  public static final List<String> COLUMNS = List.of("id", "lat", "lon", "name", "category");

  private static final double TOWN_SHARE = 0.68;
  private static final double ROAD_SHARE = 0.25;
  /** One town location in eight lies in the outskirts, three times as far out as the others. */
  private static final int OUTSKIRTS_ONE_IN = 8;
  private static final double OUTSKIRTS_FACTOR = 3;
  private static final double ROADSIDE_SPREAD_METERS = 150;
  private static final double ROADSIDE_MAX_METERS = 450;
  /** Draws that fall outside the region are retried this often, then become country locations. */
  private static final int ATTEMPTS = 8;
  private static final long TOWN_STREAM = -1;

  private final long seed;
  private final Region region;
  private final Towns towns;
  private final Roads roads;
  private final int minLatE6;
  private final int maxLatE6;
  private final int minLonE6;
  private final int maxLonE6;

  private SyntheticLocations(long seed, Region region) {
    this.seed = seed;
    this.region = region;
    this.towns = Towns.create(region, SplitMix64.stream(seed, TOWN_STREAM));
    this.roads = Roads.create(towns);
    minLatE6 = Region.micros(region.minLat(), RoundingMode.CEILING);
    maxLatE6 = Region.micros(region.maxLat(), RoundingMode.FLOOR);
    minLonE6 = Region.micros(region.minLon(), RoundingMode.CEILING);
    maxLonE6 = Region.micros(region.maxLon(), RoundingMode.FLOOR);
  }

  /** Returns the generator for this seed and region; building its towns and roads takes milliseconds. */
  public static SyntheticLocations create(long seed, Region region) {
    return new SyntheticLocations(seed, region);
  }

  /** Returns the region that holds every location. */
  public Region region() {
    return region;
  }

  /** Returns the number of towns, which follows the region's area (one per 2 000 km², 12 to 3 000). */
  public int townCount() {
    return towns.count;
  }

  /**
   * Returns town {@code k} (from 0, the largest first, as its Zipf rank), so that benchmark routes
   * can run between the places where the data crowds.
   */
  public Town town(int k) {
    if (k < 0 || k >= towns.count) {
      throw new IndexOutOfBoundsException("town " + k + " is outside [0, " + towns.count + ")");
    }
    return new Town(towns.name[k], towns.lat[k], towns.lon[k]);
  }

  /** Returns the number of roads between neighbouring towns. */
  public int roadCount() {
    return roads.count;
  }

  /** Returns location {@code index} (from 0), whose id is {@code loc-} and index + 1 on 7 digits. */
  public SyntheticLocation location(long index) {
    if (index < 0 || index >= MAX_COUNT) {
      throw new IndexOutOfBoundsException("location " + index + " is outside [0, " + MAX_COUNT + ")");
    }
    SplitMix64 random = SplitMix64.stream(seed, index);
    double[] point = new double[2];
    double setting = random.nextDouble();
    if (setting < TOWN_SHARE) {
      int town = towns.draw(random);
      if (nearTown(town, random, point)) {
        return located(index, point, CategoryMix.TOWN, towns.name[town], random);
      }
    } else if (setting < TOWN_SHARE + ROAD_SHARE) {
      int road = roads.draw(random);
      double t = random.nextDouble();
      if (alongRoad(road, t, random, point)) {
        String town = towns.name[t < 0.5 ? roads.from[road] : roads.to[road]];
        return located(index, point, CategoryMix.ROAD, town, random);
      }
    }
    // Open country: uniform in latitude and longitude, named after a hamlet of its own.
    point[0] = region.minLat() + random.nextDouble() * (region.maxLat() - region.minLat());
    point[1] = region.minLon() + random.nextDouble() * (region.maxLon() - region.minLon());
    return located(index, point, CategoryMix.COUNTRY, Names.town(random), random);
  }

  /**
   * Writes the first {@code count} locations as CSV ({@link #COLUMNS}, UTF-8, LF line ends) to
   * {@code out}, which is flushed but left open.
   */
  public void writeCsv(long count, OutputStream out) throws IOException {
    checkCount(count);
    // Not closed: closing would close the caller's stream; flushing hands over every byte.
    CsvWriter csv = CsvWriter.builder()
        .lineDelimiter(LineDelimiter.LF)
        .bufferSize(1 << 16)
        .build(out, StandardCharsets.UTF_8);
    csv.writeRecord(COLUMNS);
    for (long i = 0; i < count; i++) {
      SyntheticLocation l = location(i);
      csv.writeRecord(l.id(), degrees(l.latE6()), degrees(l.lonE6()), l.name(), l.category().columnValue());
    }
    csv.flush();
  }

  /**
   * Returns the first {@code count} locations as a set with {@code name} and {@code category}
   * properties, as {@code LocationReader} would read them from the CSV, for benchmarks in memory.
   */
  public LocationSet locationSet(int count) {
    checkCount(count);
    LocationSet.Builder builder = LocationSet.builder(List.of("name", "category"));
    for (int i = 0; i < count; i++) {
      SyntheticLocation l = location(i);
      int id = builder.location(l.id(), new String[] {l.name(), l.category().columnValue()});
      builder.point(id, l.lat(), l.lon());
    }
    return builder.build();
  }

  /** Returns micro-degrees as degrees with exactly six decimals, e.g. {@code -4.020500}. */
  static String degrees(int e6) {
    char[] buf = new char[12];
    int pos = buf.length;
    int v = Math.abs(e6); // at most 180 000 000: no overflow
    for (int i = 0; i < 6; i++) {
      buf[--pos] = (char) ('0' + v % 10);
      v /= 10;
    }
    buf[--pos] = '.';
    do {
      buf[--pos] = (char) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    if (e6 < 0) {
      buf[--pos] = '-';
    }
    return new String(buf, pos, buf.length - pos);
  }

  /** Returns the id of location {@code index}: {@code loc-0000001} for index 0. */
  static String id(long index) {
    String digits = Long.toString(index + 1);
    StringBuilder s = new StringBuilder(12).append("loc-");
    for (int i = digits.length(); i < 7; i++) {
      s.append('0');
    }
    return s.append(digits).toString();
  }

  private static void checkCount(long count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count " + count + " is outside [0, " + MAX_COUNT + "]");
    }
  }

  private boolean nearTown(int town, SplitMix64 random, double[] point) {
    double spread = towns.spreadMeters[town];
    if (random.nextInt(OUTSKIRTS_ONE_IN) == 0) {
      spread *= OUTSKIRTS_FACTOR;
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      point[0] = towns.lat[town] + random.nextGaussian() * spread / Towns.METRES_PER_DEGREE;
      point[1] = towns.lon[town] + random.nextGaussian() * spread / towns.metresPerLonDegree[town];
      if (region.contains(point[0], point[1])) {
        return true;
      }
    }
    return false;
  }

  private boolean alongRoad(int road, double t, SplitMix64 random, double[] point) {
    int a = roads.from[road];
    int b = roads.to[road];
    double lat = towns.lat[a] + t * (towns.lat[b] - towns.lat[a]);
    double lon = towns.lon[a] + t * (towns.lon[b] - towns.lon[a]);
    double metresPerLon = towns.metresPerLonDegree[a]
        + t * (towns.metresPerLonDegree[b] - towns.metresPerLonDegree[a]);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double side = Math.max(-ROADSIDE_MAX_METERS,
          Math.min(ROADSIDE_MAX_METERS, random.nextGaussian() * ROADSIDE_SPREAD_METERS));
      point[0] = lat + side * roads.acrossNorth[road] / Towns.METRES_PER_DEGREE;
      point[1] = lon + side * roads.acrossEast[road] / metresPerLon;
      if (region.contains(point[0], point[1])) {
        return true;
      }
    }
    return false;
  }

  private SyntheticLocation located(
      long index, double[] point, CategoryMix mix, String town, SplitMix64 random) {
    // Rounded to the six decimals written, then kept inside the region's six-decimal bounds.
    int latE6 = (int) Math.max(minLatE6, Math.min(maxLatE6, Math.round(point[0] * 1e6)));
    int lonE6 = (int) Math.max(minLonE6, Math.min(maxLonE6, Math.round(point[1] * 1e6)));
    Category category = mix.draw(random);
    return new SyntheticLocation(id(index), latE6, lonE6, Names.place(category, town, random), category);
  }
}

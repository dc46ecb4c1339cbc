package io.corridor.server;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.CorridorFilter;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.geo.Corridor;
import io.corridor.formats.LocationReader;
import io.corridor.core.location.LocationSet;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocation;
import io.corridor.synthetic.SyntheticLocations;
import io.corridor.index.LocationIndex;
import io.corridor.index.LocationIndexBuilder;
import io.corridor.index.SearchOptions;
import io.corridor.index.SearchResult;
import io.corridor.index.SearchTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The one place where the server calls the Corridor library: opening a snapshot, building the
 * demo index, searching and filtering. The rest of the server sees {@link Hit}s, so that a change
 * of the library's API touches this file only.
 */
final class CorridorLibrary {
  /** The seed of the demo's synthetic locations. */
  static final long DEMO_SEED = 42;
  /** The category given to the example charging stations in the demo. */
  static final String EXAMPLE_CATEGORY = "charging_station";
  private static final String EXAMPLES = "demo/charging-stations.csv";
  /** Each request is filtered on one core: the server's parallelism is its requests. */
  private static final FastFilter FAST = FastFilter.singleThreaded();
  private static final CorridorFilter BASELINE = Strategy.BASELINE.filter();
  private static final CorridorFilter PRE_BBOX = Strategy.PRE_BBOX.filter();

  private CorridorLibrary() {}

  /**
   * Opens and verifies a snapshot in full.
   *
   * @throws io.corridor.index.InvalidSnapshotException if it is truncated, corrupted or not a snapshot
   */
  static LocationIndex open(Path file) throws IOException {
    return LocationIndex.open(file);
  }

  /** Releases an index nothing uses any more (its mapping goes with the last reference to it). */
  static void close(LocationIndex index) {
    // Later searches are refused; the mapping goes with the last reference to the index.
    index.close();
  }

  /**
   * Builds the demo index: {@code count} synthetic locations over western Europe and the example
   * charging stations, in memory.
   */
  static LocationIndex demo(int count) throws IOException {
    // Each synthetic location is a pure function of its number: they are made on all cores, then
    // added in order, with name and category and no other property.
    SyntheticLocations generator = SyntheticLocations.create(DEMO_SEED, Region.EUROPE);
    SyntheticLocation[] synthetic = new SyntheticLocation[count];
    IntStream.range(0, count).parallel().forEach(i -> synthetic[i] = generator.location(i));
    LocationSet examples;
    try (InputStream in = CorridorLibrary.class.getResourceAsStream(EXAMPLES)) {
      if (in == null) {
        throw new IOException("the example stations are missing from the server's resources");
      }
      examples = LocationReader.parseCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "charging-stations.csv");
    }
    LocationIndexBuilder b = LocationIndex.builder();
    for (SyntheticLocation l : synthetic) {
      b.point(b.location(l.id(), l.name(), l.category().columnValue(), null), l.lat(), l.lon());
    }
    add(b, examples, EXAMPLE_CATEGORY);
    return b.build();
  }

  private static void add(LocationIndexBuilder b, LocationSet set, String category) {
    for (int i = 0; i < set.size(); i++) {
      int from = set.pointStart(i);
      int to = set.pointEnd(i);
      Map<String, Object> props = new LinkedHashMap<>(set.properties(i));
      props.putIfAbsent("category", category);
      Object name = props.get("name");
      Object cat = props.get("category");
      b.add(set.id(i), Arrays.copyOfRange(set.latitudesView(), from, to),
          Arrays.copyOfRange(set.longitudesView(), from, to),
          name == null ? null : name.toString(), cat == null ? null : cat.toString(), props);
    }
  }

  /**
   * Searches {@code index}: matches of {@code categories} (empty for all) by {@code sort}, after
   * the match with {@code afterKey} and {@code afterId} if {@code afterId} is not null, at most
   * {@code limit} (0: all), giving up after {@code timeout}.
   *
   * @throws Problem 503 if the search runs out of time, 413 if the route is beyond what a search takes
   */
  static Found search(LocationIndex index, Corridor corridor, Set<String> categories, int limit,
      SortOrder sort, double afterKey, String afterId, Duration timeout) {
    SearchOptions.Sort s = sort == SortOrder.DISTANCE ? SearchOptions.Sort.DISTANCE : SearchOptions.Sort.OFFSET;
    SearchOptions options = SearchOptions.builder().categories(categories).limit(limit).sort(s)
        .after(afterId == null ? null : new SearchOptions.After(s, afterKey, afterId))
        .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofNanos(1) : timeout).build();
    SearchResult result;
    try {
      result = index.searchResult(corridor, options);
    } catch (SearchTimeoutException e) {
      throw Problem.unavailable("deadline", e.getMessage() + ", the server's request timeout; retry, or ask for less");
    } catch (InvalidInputException e) {
      throw Problem.tooLarge("/route", e.getMessage());
    }
    List<Hit> hits = new ArrayList<>(result.matches().size());
    for (Match m : result.matches()) {
      int n = m.pointCount();
      double[] lats = new double[n];
      double[] lons = new double[n];
      for (int k = 0; k < n; k++) {
        lats[k] = m.latDegrees(k);
        lons[k] = m.lonDegrees(k);
      }
      hits.add(new Hit(m.id(), m.distanceMeters(), m.offsetMeters(), m.name(), m.category(),
          m.properties(), lats, lons));
    }
    return new Found(hits, result.candidates());
  }

  /** A search's hits and how many candidate locations it examined. */
  record Found(List<Hit> hits, long candidates) {}

  /** Filters {@code locations} on one core with {@code strategy}: the matches sorted by offset, then id. */
  static List<Hit> filter(Corridor corridor, LocationSet locations, Strategy strategy) {
    CorridorFilter filter = switch (strategy) {
      case FAST -> FAST;
      case BASELINE -> BASELINE;
      case PRE_BBOX -> PRE_BBOX;
    };
    List<Match> found = filter.filter(corridor, locations);
    List<Hit> hits = new ArrayList<>(found.size());
    for (Match m : found) {
      hits.add(Hit.of(m.id(), m.distanceMeters(), m.offsetMeters()));
    }
    return hits;
  }

  /**
   * Returns every location of {@code categories} (empty for all) with a point in {@code box}
   * ({@code {west, south, east, north}}), as hits without distance and offset (NaN), in index
   * order: what a client that filters on its own side needs.
   *
   * @throws Problem 413 if the box holds more than {@code max} locations
   */
  static List<Hit> inBox(LocationIndex index, double[] box, Set<String> categories, int max) {
    int[] found = index.locationsInBox(box, categories, max);
    if (found.length > max) {
      throw Problem.tooLarge("/route", "the corridor's bounding box holds more than " + max
          + " locations, the most a bounding-box answer sends (max-filter-locations)");
    }
    List<Hit> hits = new ArrayList<>(found.length);
    for (int loc : found) {
      int from = index.pointStart(loc);
      int n = index.pointEnd(loc) - from;
      double[] lats = new double[n];
      double[] lons = new double[n];
      for (int k = 0; k < n; k++) {
        lats[k] = index.latDegrees(from + k);
        lons[k] = index.lonDegrees(from + k);
      }
      hits.add(new Hit(index.id(loc), Double.NaN, Double.NaN, index.name(loc), index.category(loc),
          index.properties(loc), lats, lons));
    }
    return hits;
  }

  /** Returns what an index holds, for {@code GET /v1/index}: counts by category and the bounding box. */
  static IndexSummary summarize(LocationIndex index) {
    Map<String, Integer> categories = new java.util.TreeMap<>();
    for (int i = 0; i < index.size(); i++) {
      String c = index.category(i);
      if (c != null) {
        categories.merge(c, 1, Integer::sum);
      }
    }
    double minLat = Double.POSITIVE_INFINITY;
    double minLon = Double.POSITIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < index.pointCount(); p++) {
      double lat = index.latDegrees(p);
      double lon = index.lonDegrees(p);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
    }
    double[] bbox = index.pointCount() == 0 ? new double[0] : new double[] {minLon, minLat, maxLon, maxLat};
    return new IndexSummary(index.size(), index.pointCount(), categories, bbox);
  }

  /** The order of a search's matches; ties by id. */
  enum SortOrder {
    OFFSET,
    DISTANCE
  }

  /** Counts of an index: locations, points, locations per category, and [minLon, minLat, maxLon, maxLat]. */
  record IndexSummary(int locations, int points, Map<String, Integer> categories, double[] bbox) {}
}

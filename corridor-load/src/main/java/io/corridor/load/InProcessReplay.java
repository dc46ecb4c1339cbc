package io.corridor.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.formats.PolylineCodec;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import io.corridor.index.SearchResult;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays a search pool against a snapshot in this process, one search after the other, with no
 * HTTP: the library's share of a request, pass after pass until the JIT has settled. It is how a
 * change to the search is measured before and after on the very requests of the load test (run
 * two builds alternately), and what to profile.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a search pool against a snapshot in process: time per search by sort.")
public final class InProcessReplay implements Callable<Integer> {
  private static final JsonFactory JSON = new JsonFactory();

  @Option(names = "--pool", required = true, paramLabel = "DIR", description = "A search pool.")
  Path pool;

  @Option(names = "--index", required = true, paramLabel = "FILE", description = "The snapshot the pool was made for.")
  Path index;

  @Option(names = "--passes", defaultValue = "6", description = "Passes over the pool; the last is reported (default: ${DEFAULT-VALUE}).")
  int passes;

  @Option(names = "--slowest", defaultValue = "10", description = "Slowest searches of the last pass to list (default: ${DEFAULT-VALUE}).")
  int slowest;

  /** One search of the pool, as the server would run it (limit + 1, to know if a page follows). */
  record Search(String name, Route route, double radiusMeters, int limit, SearchOptions.Sort sort, Set<String> categories) {}

  /** Runs the command. */
  public static void main(String[] args) {
    Commands.exit(new InProcessReplay(), args);
  }

  @Override
  public Integer call() throws IOException {
    if (passes < 1) {
      throw new IllegalArgumentException("--passes must be at least 1");
    }
    List<Search> searches = new ArrayList<>();
    for (PoolRequest r : RequestPool.read(pool).requests()) {
      Search s = r.body() == null ? fromQuery(r) : fromBody(r);
      searches.add(new Search(s.name() + " #" + (searches.size() + 1), s.route(), s.radiusMeters(),
          s.limit(), s.sort(), s.categories()));
    }
    try (LocationIndex idx = LocationIndex.open(index)) {
      long[] nanos = new long[searches.size()];
      long[] found = new long[searches.size()];
      for (int pass = 1; pass <= passes; pass++) {
        long start = System.nanoTime();
        for (int i = 0; i < searches.size(); i++) {
          Search s = searches.get(i);
          long t = System.nanoTime();
          SearchResult result = idx.searchResult(Corridor.of(s.route(), s.radiusMeters()),
              SearchOptions.builder().categories(s.categories()).sort(s.sort())
                  .limit(s.limit() == 0 ? 0 : s.limit() + 1).build());
          nanos[i] = System.nanoTime() - t;
          found[i] = result.matches().size();
        }
        System.out.printf(Locale.ROOT, "pass %d: %d searches, %.3f ms mean%n", pass, searches.size(),
            (System.nanoTime() - start) / 1e6 / searches.size());
      }
      System.out.println();
      System.out.println("| sort | searches | mean ms | p50 | p95 | p99 | max |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      for (SearchOptions.Sort sort : SearchOptions.Sort.values()) {
        row(sort.name().toLowerCase(Locale.ROOT), searches, nanos, sort);
      }
      row("all", searches, nanos, null);
      Integer[] order = new Integer[searches.size()];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
      System.out.println();
      for (int k = 0; k < Math.min(slowest, order.length); k++) {
        Search s = searches.get(order[k]);
        System.out.printf(Locale.ROOT, "%8.2f ms  %s  sort=%s limit=%d radius=%.0f m route=%.0f km categories=%s matches=%d%n",
            nanos[order[k]] / 1e6, s.name(), s.sort().name().toLowerCase(Locale.ROOT), s.limit(),
            s.radiusMeters(), s.route().lengthMeters() / 1000, s.categories(), found[order[k]]);
      }
    }
    return 0;
  }

  private static void row(String label, List<Search> searches, long[] nanos, SearchOptions.Sort sort) {
    long[] t = new long[searches.size()];
    int n = 0;
    double total = 0;
    for (int i = 0; i < searches.size(); i++) {
      if (sort == null || searches.get(i).sort() == sort) {
        t[n++] = nanos[i];
        total += nanos[i];
      }
    }
    if (n == 0) {
      return;
    }
    Arrays.sort(t, 0, n);
    System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", label, n, total / n / 1e6,
        t[n / 2] / 1e6, t[(int) (n * 0.95)] / 1e6, t[(int) (n * 0.99)] / 1e6, t[n - 1] / 1e6);
  }

  /** Reads {@code GET /v1/search?polyline=...&radius_m=...}. */
  static Search fromQuery(PoolRequest r) {
    String path = r.path();
    Map<String, String> q = new HashMap<>();
    for (String kv : path.substring(path.indexOf('?') + 1).split("&")) {
      int eq = kv.indexOf('=');
      q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Set<String> categories = new LinkedHashSet<>();
    if (q.containsKey("categories")) {
      categories.addAll(Arrays.asList(q.get("categories").split(",")));
    }
    int precision = q.containsKey("precision") ? Integer.parseInt(q.get("precision")) : PolylineCodec.DEFAULT_PRECISION;
    return new Search(r.name(),
        PolylineCodec.decode(q.get("polyline"), precision), Double.parseDouble(q.get("radius_m")),
        q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 0, sort(q.get("sort")), categories);
  }

  /** Reads a {@code POST /v1/search} body: route (GeoJSON LineString or polyline object), radius_m, limit, sort, categories. */
  static Search fromBody(PoolRequest r) throws IOException {
    Route route = null;
    double radius = 0;
    int limit = 0;
    String sort = null;
    Set<String> categories = new LinkedHashSet<>();
    try (JsonParser p = JSON.createParser(r.body())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "route" -> route = route(p);
          case "radius_m" -> radius = p.getDoubleValue();
          case "limit" -> limit = p.getIntValue();
          case "sort" -> sort = p.getText();
          case "categories" -> {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              categories.add(p.getText());
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (route == null) {
      throw new IOException(r.name() + ": a search body without a route");
    }
    return new Search(r.name(), route, radius, limit, sort(sort), categories);
  }

  private static Route route(JsonParser p) throws IOException {
    String polyline = null;
    int precision = PolylineCodec.DEFAULT_PRECISION;
    List<double[]> positions = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "polyline" -> polyline = p.getText();
        case "precision" -> precision = p.getIntValue();
        case "coordinates" -> {
          while (p.nextToken() == JsonToken.START_ARRAY) {
            p.nextToken();
            double lon = p.getDoubleValue();
            p.nextToken();
            double lat = p.getDoubleValue();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              // an altitude, ignored
            }
            positions.add(new double[] {lat, lon});
          }
        }
        default -> p.skipChildren();
      }
    }
    if (polyline != null) {
      return PolylineCodec.decode(polyline, precision);
    }
    double[] lat = new double[positions.size()];
    double[] lon = new double[positions.size()];
    for (int i = 0; i < lat.length; i++) {
      lat[i] = positions.get(i)[0];
      lon[i] = positions.get(i)[1];
    }
    return Route.of(lat, lon);
  }

  private static SearchOptions.Sort sort(String sort) {
    return "distance".equals(sort) ? SearchOptions.Sort.DISTANCE : SearchOptions.Sort.OFFSET;
  }
}

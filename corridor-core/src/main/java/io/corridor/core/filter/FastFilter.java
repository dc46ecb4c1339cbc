package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * The default filter: points as unit vectors against precomputed arc frames (no trigonometry per
 * arc), and for large inputs all cores, with results identical to one core.
 */
public final class FastFilter implements CorridorFilter {
  /** Below this many points a filter runs on the calling thread: forking would cost more. */
  static final int PARALLEL_THRESHOLD_POINTS = 50_000;

  private final ForkJoinPool pool;

  private FastFilter(ForkJoinPool pool) {
    this.pool = pool;
  }

  /** Returns a filter that runs on the calling thread only. */
  public static FastFilter singleThreaded() {
    return new FastFilter(null);
  }

  /** Returns a filter that splits large inputs over the common fork-join pool (all cores). */
  public static FastFilter parallel() {
    return new FastFilter(ForkJoinPool.commonPool());
  }

  /** Returns a filter that splits large inputs over {@code pool}. */
  public static FastFilter parallel(ForkJoinPool pool) {
    return new FastFilter(pool);
  }

  @Override
  public List<Match> filter(Corridor corridor, LocationSet locations) {
    List<Match> matches;
    if (pool == null || locations.pointCount() < PARALLEL_THRESHOLD_POINTS || pool.getParallelism() < 2) {
      matches = new ArrayList<>();
      scan(corridor, locations, 0, locations.size(), matches);
    } else {
      int chunks = pool.getParallelism() * 8;
      matches = pool.invoke(new Chunk(corridor, locations, 0, locations.size(),
          Math.max(1, locations.size() / chunks)));
    }
    CorridorFilter.sort(matches, locations);
    return matches;
  }

  private static void scan(Corridor corridor, LocationSet locations, int from, int to, List<Match> out) {
    double[] lat = locations.latitudesView();
    double[] lon = locations.longitudesView();
    int[] start = locations.pointStartsView();
    double[] p = new double[3];
    double[] result = new double[2];
    for (int loc = from; loc < to; loc++) {
      double bestDistance = Double.POSITIVE_INFINITY;
      double bestOffset = 0;
      for (int i = start[loc]; i < start[loc + 1]; i++) {
        Sphere.toUnitVector(lat[i], lon[i], p, 0);
        if (corridor.nearest(p[0], p[1], p[2], result)
            && PointResults.better(result[0], result[1], bestDistance, bestOffset)) {
          bestDistance = result[0];
          bestOffset = result[1];
        }
      }
      if (bestDistance != Double.POSITIVE_INFINITY) {
        out.add(new Match(loc, bestDistance, bestOffset));
      }
    }
  }

  /** A range of locations, split in halves until small enough, results concatenated in order. */
  private static final class Chunk extends RecursiveTask<List<Match>> {
    private static final long serialVersionUID = 1L;
    private final transient Corridor corridor;
    private final transient LocationSet locations;
    private final int from;
    private final int to;
    private final int grain;

    Chunk(Corridor corridor, LocationSet locations, int from, int to, int grain) {
      this.corridor = corridor;
      this.locations = locations;
      this.from = from;
      this.to = to;
      this.grain = grain;
    }

    @Override
    protected List<Match> compute() {
      if (to - from <= grain) {
        List<Match> out = new ArrayList<>();
        scan(corridor, locations, from, to, out);
        return out;
      }
      int mid = (from + to) >>> 1;
      Chunk left = new Chunk(corridor, locations, from, mid, grain);
      left.fork();
      List<Match> right = new Chunk(corridor, locations, mid, to, grain).compute();
      List<Match> result = left.join();
      result.addAll(right);
      return result;
    }
  }
}

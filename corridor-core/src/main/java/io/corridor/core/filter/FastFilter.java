package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveTask;

/**
 * The default filter. Points are tested as unit vectors against precomputed arc frames (dot
 * products, no trigonometry per arc); a {@link CorridorGrid} rejects most points with two integer
 * range checks on their latitude/longitude and hands the rest the few arcs that can be nearest;
 * large inputs are split over all cores by location ranges, so the answer is identical to one
 * core's.
 *
 * <p>Tiny inputs (points × arcs below {@link #DIRECT_SCAN_MAX_WORK}) skip the grid: building it
 * would cost more than testing every arc.
 */
public final class FastFilter implements CorridorFilter {
  /** Below this many points × arcs, every point is tested against every arc directly. */
  static final long DIRECT_SCAN_MAX_WORK = 2_000;
  /** Below this many points a filter runs on the calling thread: forking would cost more. */
  static final int PARALLEL_THRESHOLD_POINTS = 50_000;

  /**
   * How the filter finds each point's candidate arcs. Package-private: the answers never depend on
   * it, and tests run the same inputs through each path to show it.
   */
  enum Scan {
    /** The grid, unless points × arcs is below {@link #DIRECT_SCAN_MAX_WORK}. */
    AUTO,
    /** Every point against every arc. */
    DIRECT,
    /** Always the grid, every cell's arcs pruned and every long cell split, whatever the density. */
    GRID
  }

  private final ForkJoinPool pool;
  private final Scan scan;

  private FastFilter(ForkJoinPool pool, Scan scan) {
    this.pool = pool;
    this.scan = scan;
  }

  /** Returns a single-threaded filter that finds candidate arcs as {@code scan} says. */
  static FastFilter singleThreaded(Scan scan) {
    return new FastFilter(null, scan);
  }

  /** Returns a filter that runs on the calling thread only. */
  public static FastFilter singleThreaded() {
    return new FastFilter(null, Scan.AUTO);
  }

  /**
   * Returns a filter that splits large inputs over all cores. Not the common pool: its parallelism
   * is the number of cores less one, so on a 2-core machine it would run everything on one.
   */
  public static FastFilter parallel() {
    return new FastFilter(AllCores.POOL, Scan.AUTO);
  }

  /** Returns a filter that splits large inputs over {@code pool}. */
  public static FastFilter parallel(ForkJoinPool pool) {
    return new FastFilter(pool, Scan.AUTO);
  }

  @Override
  public List<Match> filter(Corridor corridor, LocationSet locations) {
    long work = (long) locations.pointCount() * corridor.arcCount();
    boolean direct = scan == Scan.DIRECT || scan == Scan.AUTO && work <= DIRECT_SCAN_MAX_WORK;
    PointTester tester = direct
        ? PointTester.direct(corridor)
        : PointTester.grid(corridor, CorridorGrid.build(corridor,
            cellMeters(corridor, locations.pointCount()), locations.latitudesView(),
            locations.longitudesView(), locations.pointCount(),
            scan == Scan.GRID ? -1 : splitBudget(locations.pointCount())));
    List<Match> matches;
    if (pool == null || locations.pointCount() < PARALLEL_THRESHOLD_POINTS || pool.getParallelism() < 2) {
      matches = new ArrayList<>();
      tester.scan(locations, 0, locations.size(), matches);
    } else {
      int grain = Math.max(1, locations.size() / (pool.getParallelism() * 8));
      matches = pool.invoke(new Chunk(tester, locations, 0, locations.size(), grain));
    }
    CorridorFilter.sort(matches, locations);
    return matches;
  }

  /**
   * Returns the grid's cell size: the radius (measured against half and a quarter of it, which
   * shorten the cells' arc lists less than they multiply the cells to build), grown until the estimated number of cells fits a budget proportional to the
   * number of points, so the grid never costs more than the points it serves.
   */
  static double cellMeters(Corridor corridor, int points) {
    double r = corridor.radiusMeters();
    double length = corridor.route().lengthMeters();
    int arcs = corridor.arcCount();
    // Every arc is sampled at least once whatever the cell size, so arcs count in the budget.
    double budget = Math.max(64, points / 32.0) + 4.0 * arcs;
    double s = Math.max(r, 1.0);
    for (int grow = 0; grow < 64 && (length / s + arcs) * (2 * r / s + 3) > budget; grow++) {
      s *= 1.5;
    }
    return s;
  }

  /**
   * Returns how many arc distances the grid may spend splitting long cells: a few per point (a new
   * cell counts as {@link CorridorGrid#NODE_COST}), so refinement stays a fraction of the scan.
   */
  static long splitBudget(int points) {
    return 10_000 + 4L * points;
  }

  /** A pool with one daemon worker per core, created on first use. */
  private static final class AllCores {
    static final ForkJoinPool POOL = new ForkJoinPool(
        Runtime.getRuntime().availableProcessors(),
        pool -> {
          ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
          t.setDaemon(true);
          t.setName("corridor-filter-" + t.getPoolIndex());
          return t;
        },
        null,
        false);
  }

  /** A range of locations, split in halves until small enough, results concatenated in order. */
  private static final class Chunk extends RecursiveTask<List<Match>> {
    private static final long serialVersionUID = 1L;
    private final transient PointTester tester;
    private final transient LocationSet locations;
    private final int from;
    private final int to;
    private final int grain;

    Chunk(PointTester tester, LocationSet locations, int from, int to, int grain) {
      this.tester = tester;
      this.locations = locations;
      this.from = from;
      this.to = to;
      this.grain = grain;
    }

    @Override
    protected List<Match> compute() {
      if (to - from <= grain) {
        List<Match> out = new ArrayList<>();
        tester.scan(locations, from, to, out);
        return out;
      }
      int mid = (from + to) >>> 1;
      Chunk left = new Chunk(tester, locations, from, mid, grain);
      left.fork();
      List<Match> right = new Chunk(tester, locations, mid, to, grain).compute();
      List<Match> result = left.join();
      result.addAll(right);
      return result;
    }
  }
}

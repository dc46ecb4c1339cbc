package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Proximity;
import io.corridor.core.geo.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads on one memory-mapped index and one prepared corridor: every answer must equal the
 * one a single thread gets, with the names, categories and properties read lazily from the
 * mapping; and closing the index while searches run must neither crash nor corrupt an answer.
 */
class ConcurrentSearchTest {
  private static final int THREADS = 8;
  private static final String[] CATEGORIES = {"fuel", "charging", "food"};

  @TempDir Path dir;

  /** A query and what a single thread answered to it. */
  private record Query(Corridor corridor, SearchOptions options, List<Match> expected,
      List<String> expectedNames) {}

  @Test
  void manyThreadsSearchingOneMappedIndexGetTheSingleThreadedAnswers() throws Exception {
    Random random = new Random(11);
    Path file = dir.resolve("index.corridx");
    Snapshot.write(sample(random, 30_000), file);
    try (LocationIndex index = LocationIndex.open(file)) {
      List<Query> queries = new ArrayList<>();
      for (int q = 0; q < 40; q++) {
        Corridor corridor = Corridor.of(route(random), new double[] {200, 2_000, 15_000}[q % 3]);
        SearchOptions.Builder options = SearchOptions.builder();
        if (q % 4 == 1) {
          options.limit(1 + random.nextInt(30));
        } else if (q % 4 == 2) {
          options.sort(SearchOptions.Sort.DISTANCE).limit(1 + random.nextInt(30));
        } else if (q % 4 == 3) {
          options.categories(Set.of(CATEGORIES[random.nextInt(CATEGORIES.length)]));
        }
        List<Match> expected = index.search(corridor, options.build());
        queries.add(new Query(corridor, options.build(), expected, names(expected)));
      }
      assertThat(queries.stream().mapToInt(q -> q.expected().size()).sum()).isGreaterThan(1_000);

      List<Future<Integer>> results = runTogether(t -> {
        List<Query> mine = new ArrayList<>(queries);
        Collections.shuffle(mine, new Random(t));
        int checked = 0;
        for (int round = 0; round < 2; round++) {
          for (Query q : mine) {
            List<Match> found = index.search(q.corridor(), q.options());
            assertThat(found).isEqualTo(q.expected());
            assertThat(names(found)).isEqualTo(q.expectedNames());
            checked++;
          }
        }
        return checked;
      });
      for (Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(2 * queries.size());
      }
    }
  }

  @Test
  void manyThreadsTestingPointsAgainstOnePreparedCorridorGetTheSingleThreadedAnswers()
      throws Exception {
    Random random = new Random(5);
    Corridor corridor = Corridor.of(route(random), 5_000);
    int n = 20_000;
    double[] lat = new double[n];
    double[] lon = new double[n];
    Proximity[] expected = new Proximity[n];
    int inside = 0;
    for (int i = 0; i < n; i++) {
      lat[i] = 45 + random.nextDouble() * 3;
      lon[i] = 5 + random.nextDouble() * 4;
      expected[i] = corridor.test(lat[i], lon[i]);
      inside += expected[i].inside() ? 1 : 0;
    }
    assertThat(inside).isBetween(100, n - 100);
    List<Future<Integer>> results = runTogether(t -> {
      int same = 0;
      for (int k = 0; k < n; k++) {
        int i = (k * 7919 + t * 104_729) % n;   // each thread its own order
        if (corridor.test(lat[i], lon[i]).equals(expected[i])
            && corridor.contains(lat[i], lon[i]) == expected[i].inside()) {
          same++;
        }
      }
      return same;
    });
    for (Future<Integer> r : results) {
      assertThat(r.get()).isEqualTo(n);
    }
  }

  @Test
  void closingWhileSearchesRunLetsThemFinishAndKeepsTheirMatchesReadable() throws Exception {
    Random random = new Random(3);
    Path file = dir.resolve("swap.corridx");
    Snapshot.write(sample(random, 30_000), file);
    LocationIndex index = LocationIndex.open(file);
    Corridor corridor = Corridor.of(route(random), 10_000);
    List<Match> expected = index.search(corridor, SearchOptions.all());
    List<String> expectedNames = names(expected);
    assertThat(expected).hasSizeGreaterThan(50);
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<List<Match>> kept = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch running = new CountDownLatch(THREADS);
    List<Future<Integer>> results = runTogether(t -> {
      running.countDown();
      while (true) {
        List<Match> found;
        try {
          found = index.search(corridor, SearchOptions.all());
        } catch (IllegalStateException closed) {
          assertThat(closed).hasMessage("the index is closed");
          refused.incrementAndGet();
          return 0;
        }
        assertThat(found).isEqualTo(expected);
        kept.add(found);
        completed.incrementAndGet();
      }
    }, () -> {
      running.await();
      Thread.sleep(50);
      index.close();
      return null;
    });
    for (Future<Integer> r : results) {
      r.get();
    }
    assertThat(index.isClosed()).isTrue();
    assertThat(refused.get()).isEqualTo(THREADS);
    assertThat(completed.get()).isPositive();
    // Matches from before the close still read their names and points from the mapping.
    for (List<Match> found : kept.subList(0, Math.min(kept.size(), 20))) {
      assertThat(names(found)).isEqualTo(expectedNames);
      assertThat(found.get(0).pointCount()).isPositive();
    }
    assertThatThrownBy(() -> index.search(corridor, SearchOptions.all()))
        .isInstanceOf(IllegalStateException.class);
    index.close(); // a second close does nothing
  }

  /** A task that each thread runs, given its number. */
  private interface Work {
    Integer run(int thread) throws Exception;
  }

  /** Starts every thread at once, behind a latch, and returns their results. */
  private static List<Future<Integer>> runTogether(Work work, Callable<?>... others)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + others.length);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          return work.run(thread);
        }));
      }
      for (Callable<?> other : others) {
        pool.submit(() -> {
          start.await();
          return other.call();
        });
      }
      start.countDown();
    } finally {
      pool.shutdown();
    }
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    return results;
  }

  private static List<String> names(List<Match> matches) {
    List<String> names = new ArrayList<>(matches.size());
    for (Match m : matches) {
      names.add(m.id() + "|" + m.name() + "|" + m.category() + "|" + m.properties());
    }
    return names;
  }

  /** A route of a few vertices across western Switzerland and eastern France. */
  private static Route route(Random random) {
    int n = 2 + random.nextInt(8);
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = 45.5 + random.nextDouble() * 2;
      lon[i] = 5.5 + random.nextDouble() * 3;
    }
    return Route.of(lat, lon);
  }

  /** Locations spread over the routes' region, some with two points, all with properties. */
  private static LocationIndex sample(Random random, int count) {
    LocationIndexBuilder b = LocationIndex.builder();
    for (int i = 0; i < count; i++) {
      int points = random.nextInt(10) == 0 ? 2 : 1;
      double[] lat = new double[points];
      double[] lon = new double[points];
      for (int k = 0; k < points; k++) {
        lat[k] = 45 + random.nextDouble() * 3;
        lon[k] = 5 + random.nextDouble() * 4;
      }
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      b.add("loc-" + i, lat, lon, "Place " + i, category,
          Map.of("operator", "op" + (i % 17)));
    }
    return b.build();
  }
}

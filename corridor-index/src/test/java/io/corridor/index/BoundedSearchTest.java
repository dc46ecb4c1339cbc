package io.corridor.index;

import static io.corridor.index.SearchAgainstFilterTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A limited search keeps only its answer and skips what cannot enter it: by distance, cells are
 * cut with the worst kept distance; at a bound of 0, candidates are told apart by id alone. The
 * filter over the same locations is the reference, in a dense town where both shortcuts fire:
 * thousands of locations behind the route's start (all at offset 0, nearest to its first vertex),
 * twins at one place, and ids whose UTF-8 byte order differs from {@link String}'s order.
 */
class BoundedSearchTest {
  /** Characters whose UTF-8 and UTF-16 orders disagree: U+E000 and U+FFFD sort after U+1F600 in bytes. */
  private static final String[] PIECES = {"a", "b", "Z", "0", "é", "\uE000", "\uFFFD", "😀", "𝔸", "中"};

  @Test
  void limitedSearchesInADenseTownEqualTheFilter() {
    Random random = new Random(5);
    // A 3 km street through a town of 30 000 locations within 2 km of its start.
    Route route = Route.of(new double[] {48.850, 48.860, 48.875}, new double[] {2.350, 2.365, 2.372});
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < 30_000; i++) {
      double lat = 48.850 + random.nextGaussian() * 0.008;
      double lon = 2.350 + random.nextGaussian() * 0.012;
      int loc = b.location(randomId(random, i), Map.of());
      b.point(loc, lat, lon);
      if (i % 100 == 0) {
        // A twin at the same place: equal keys in both orders, told apart by id.
        b.point(b.location(randomId(random, i) + "-twin", Map.of()), lat, lon);
      }
    }
    LocationSet set = b.build();
    LocationIndex index = LocationIndex.of(set);
    for (double radius : new double[] {40, 600, 2_500}) {
      Corridor corridor = Corridor.of(route, radius);
      List<Match> byOffset = FastFilter.singleThreaded().filter(corridor, set);
      List<Match> byDistance = new ArrayList<>(byOffset);
      byDistance.sort(Comparator.comparingDouble(Match::distanceMeters).thenComparing(m -> set.id(m.location())));
      long atZero = byOffset.stream().filter(m -> m.offsetMeters() == 0).count();
      if (radius >= 600) {
        assertThat(atZero).as("locations behind the start, r=%s", radius).isGreaterThan(500);
      }
      for (int limit : new int[] {1, 10, 100, 1_000}) {
        String context = "r=" + radius + " limit " + limit;
        assertSame(index.search(corridor, SearchOptions.builder().limit(limit).build()),
            byOffset.subList(0, Math.min(limit, byOffset.size())), set, context + " by offset");
        assertSame(index.search(corridor, SearchOptions.builder().limit(limit).sort(SearchOptions.Sort.DISTANCE).build()),
            byDistance.subList(0, Math.min(limit, byDistance.size())), set, context + " by distance");
      }
    }
  }

  @Test
  void aLimitedSearchByDistanceExaminesLittleMoreThanTheCellsUnderTheRoute() {
    Random random = new Random(8);
    Route route = Route.of(new double[] {48.80, 48.80}, new double[] {2.20, 2.50});
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < 200_000; i++) {
      b.point(b.location("p" + i, Map.of()), 48.80 + (random.nextDouble() - 0.5) * 0.1,
          2.20 + random.nextDouble() * 0.3);
    }
    LocationSet set = b.build();
    LocationIndex index = LocationIndex.of(set);
    Corridor corridor = Corridor.of(route, 4_000);
    SearchResult all = index.searchResult(corridor, SearchOptions.builder().sort(SearchOptions.Sort.DISTANCE).build());
    SearchResult top = index.searchResult(corridor, SearchOptions.builder().limit(20).sort(SearchOptions.Sort.DISTANCE).build());
    assertThat(top.matches()).isEqualTo(all.matches().subList(0, 20));
    // Every candidate is counted, skipped or not; the exact tests are what the bound saves. The
    // whole answer tests every candidate exactly; the top 20 lie within metres of the route.
    assertThat(top.matches().get(19).distanceMeters()).isLessThan(50);
    assertThat(all.matches()).hasSizeGreaterThan(100_000);
  }

  @Test
  void idsCompareOnTheirBytesAsStringsCompare() {
    Random random = new Random(3);
    LocationSet.Builder b = LocationSet.builder();
    List<String> ids = new ArrayList<>();
    // Ids sharing a prefix of 0 to 17 characters (up to 23 UTF-8 bytes), so that the first
    // difference falls at every byte position, inside and across eight-byte words.
    int[] shared = "station/é中\uD83D\uDE00-0042:".codePoints().toArray();
    for (int i = 0; i < 2_000; i++) {
      String id = new String(shared, 0, random.nextInt(shared.length + 1)) + randomId(random, i);
      ids.add(id);
      b.point(b.location(id, Map.of()), 10, 10);
    }
    LocationIndex index = LocationIndex.of(b.build());
    for (int t = 0; t < 50_000; t++) {
      int x = random.nextInt(ids.size());
      int y = random.nextInt(ids.size());
      assertThat(IdOrder.compare(index, x, y)).as("%s vs %s", index.id(x), index.id(y))
          .isEqualTo(Integer.signum(index.id(x).compareTo(index.id(y))));
    }
    // Prefixes: the shorter comes first.
    LocationSet.Builder p = LocationSet.builder();
    p.point(p.location("ab", Map.of()), 0, 0);
    p.point(p.location("abc", Map.of()), 0, 0);
    LocationIndex prefixes = LocationIndex.of(p.build());
    int ab = prefixes.id(0).equals("ab") ? 0 : 1;
    assertThat(IdOrder.compare(prefixes, ab, 1 - ab)).isNegative();
    assertThat(IdOrder.compare(prefixes, 1 - ab, ab)).isPositive();
    assertThat(IdOrder.compare(prefixes, ab, ab)).isZero();
  }

  /** An id of a few pieces, mixing ASCII with characters whose byte and UTF-16 orders differ. */
  private static String randomId(Random random, int i) {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int k = 0; k < n; k++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.append(i).toString();
  }
}

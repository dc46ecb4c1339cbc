package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Paging through a long answer with a limit and a continuation, the search's timeout, the work it
 * reports, and the routes it refuses. The whole answer is the reference: the pages of it,
 * concatenated, must equal it, in both orders, whatever the page size, ties of keys included.
 */
class SearchPagingTest {
  /** A 600 km route with a bend, and 40 000 locations near it, some sharing coordinates. */
  private static final Route ROUTE = Route.of(new double[] {45.0, 46.5, 48.0},
      new double[] {2.0, 5.0, 4.0});
  private static final Corridor CORRIDOR = Corridor.of(ROUTE, 5_000);
  private static final LocationIndex INDEX = index(40_000);

  private static LocationIndex index(int count) {
    Random random = new Random(7);
    LocationIndexBuilder b = LocationIndex.builder();
    for (int i = 0; i < count; i++) {
      double lat = 44.9 + 3.2 * random.nextDouble();
      double lon = 1.9 + 3.2 * random.nextDouble();
      b.add(String.format("loc-%06d", i), new double[] {lat}, new double[] {lon}, null, null, null);
      if (i % 50 == 0) {
        // A twin at the same place: equal keys in both orders, told apart by id.
        b.add(String.format("twin-%06d", i), new double[] {lat}, new double[] {lon}, null, null, null);
      }
    }
    return b.build();
  }

  @Test
  void pagesByOffsetConcatenateToTheWholeAnswer() {
    assertPagesMakeTheWhole(SearchOptions.Sort.OFFSET);
  }

  @Test
  void pagesByDistanceConcatenateToTheWholeAnswer() {
    assertPagesMakeTheWhole(SearchOptions.Sort.DISTANCE);
  }

  private static void assertPagesMakeTheWhole(SearchOptions.Sort sort) {
    List<Match> whole = INDEX.search(CORRIDOR, SearchOptions.builder().sort(sort).build());
    assertThat(whole).hasSizeGreaterThan(1_000);
    for (int pageSize : new int[] {1_000, 337, 1}) {
      List<Match> pages = new ArrayList<>();
      SearchOptions.After after = null;
      int calls = 0;
      // Size-1 pages over a thousand-odd matches: enough to cross many blocks, not all of them.
      int maxCalls = pageSize == 1 ? 300 : Integer.MAX_VALUE;
      while (calls++ < maxCalls) {
        List<Match> page = INDEX.search(CORRIDOR,
            SearchOptions.builder().sort(sort).limit(pageSize).after(after).build());
        pages.addAll(page);
        if (page.size() < pageSize) {
          break;
        }
        Match last = page.get(page.size() - 1);
        after = new SearchOptions.After(sort,
            sort == SearchOptions.Sort.OFFSET ? last.offsetMeters() : last.distanceMeters(), last.id());
      }
      List<Match> expected = pageSize == 1 ? whole.subList(0, pages.size()) : whole;
      assertThat(pages).as("pages of %d by %s", pageSize, sort).isEqualTo(expected);
    }
  }

  @Test
  void aContinuationWithoutALimitReturnsTheRestOfTheAnswer() {
    List<Match> whole = INDEX.search(CORRIDOR, SearchOptions.all());
    Match middle = whole.get(whole.size() / 2);
    List<Match> rest = INDEX.search(CORRIDOR, SearchOptions.builder()
        .after(new SearchOptions.After(SearchOptions.Sort.OFFSET, middle.offsetMeters(), middle.id()))
        .build());
    assertThat(rest).isEqualTo(whole.subList(whole.size() / 2 + 1, whole.size()));
  }

  @Test
  void aLatePageExaminesFewerCandidatesThanTheWholeAnswer() {
    SearchResult whole = INDEX.searchResult(CORRIDOR, SearchOptions.all());
    Match late = whole.matches().get(whole.matches().size() * 9 / 10);
    SearchResult page = INDEX.searchResult(CORRIDOR, SearchOptions.builder().limit(10)
        .after(new SearchOptions.After(SearchOptions.Sort.OFFSET, late.offsetMeters(), late.id()))
        .build());
    assertThat(page.matches()).hasSize(10);
    assertThat(page.candidates()).isLessThan(whole.candidates() / 4);
    assertThat(whole.candidates()).isGreaterThanOrEqualTo(whole.matches().size());
  }

  @Test
  void aLatePageByDistanceSkipsTheNearerPartOfTheCorridor() {
    SearchOptions byDistance = SearchOptions.builder().sort(SearchOptions.Sort.DISTANCE).build();
    SearchResult whole = INDEX.searchResult(CORRIDOR, byDistance);
    List<Match> all = whole.matches();
    // At 4 of the 5 km, the nearer part of the corridor holds 80 % of its locations.
    int index = all.size() * 8 / 10;
    Match late = all.get(index);
    assertThat(late.distanceMeters()).isBetween(3_500.0, 4_500.0);
    SearchResult page = INDEX.searchResult(CORRIDOR, SearchOptions.builder()
        .sort(SearchOptions.Sort.DISTANCE).limit(10)
        .after(new SearchOptions.After(SearchOptions.Sort.DISTANCE, late.distanceMeters(), late.id()))
        .build());
    assertThat(page.matches()).isEqualTo(all.subList(index + 1, index + 11));
    assertThat(page.candidates()).isLessThan(whole.candidates() / 2);
  }

  @Test
  void aTinyTimeoutOnABigSearchThrows() {
    Corridor wide = Corridor.of(ROUTE, 200_000);
    SearchOptions hurried = SearchOptions.builder().timeout(Duration.ofNanos(1)).build();
    assertThatThrownBy(() -> INDEX.search(wide, hurried))
        .isInstanceOf(SearchTimeoutException.class)
        .hasMessageContaining("timeout");
    SearchOptions patient = SearchOptions.builder().timeout(Duration.ofMinutes(5)).build();
    assertThat(INDEX.search(wide, patient)).isEqualTo(INDEX.search(wide, SearchOptions.all()));
  }

  @Test
  void aRouteWithTooManyVerticesIsRefusedWithTheLimit() {
    int n = RouteLimits.MAX_VERTICES + 1;
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = 45 + i * 1e-5;
      lon[i] = 5;
    }
    Corridor corridor = Corridor.of(Route.of(lat, lon), 100);
    assertThatThrownBy(() -> INDEX.search(corridor, SearchOptions.all()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("route has " + n + " vertices; search accepts at most " + RouteLimits.MAX_VERTICES);
  }

  @Test
  void aRouteLongerThanTheLimitIsRefusedWithTheLimit() {
    // Back and forth between two points 10 007 km apart, eleven times: 110 000 km.
    double[] lat = new double[12];
    double[] lon = new double[12];
    for (int i = 0; i < 12; i++) {
      lat[i] = i % 2 == 0 ? 0 : 90;
    }
    Corridor corridor = Corridor.of(Route.of(lat, lon), 100);
    assertThatThrownBy(() -> INDEX.search(corridor, SearchOptions.all()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("route is 110")
        .hasMessageEndingWith(" km long; search accepts at most 100000 km");
  }

  @Test
  void aHugeLimitAllocatesNothingUpFront() {
    long before = usedMemory();
    List<Match> all = INDEX.search(CORRIDOR, SearchOptions.builder().limit(Integer.MAX_VALUE).build());
    assertThat(all).isEqualTo(INDEX.search(CORRIDOR, SearchOptions.all()));
    // A slot per possible match would be 16 GiB: the heap could not even hold it.
    assertThat(usedMemory() - before).isLessThan(1L << 30);
  }

  private static long usedMemory() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}

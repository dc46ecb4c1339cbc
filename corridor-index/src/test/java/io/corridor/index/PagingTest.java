package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Paging through a long answer with the public API: each page resumes after the last match of
 * the one before ({@link SearchOptions.After#of}); the pages, concatenated, must equal the whole
 * answer, in both orders, with a category filter, and with ties (locations at the same point).
 */
class PagingTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SearchOptions.Sort.class)
  void thePagesOfALongAnswerConcatenatedEqualTheWholeAnswer(SearchOptions.Sort sort) throws Exception {
    Random random = new Random(21);
    LocationIndexBuilder b = LocationIndex.builder();
    for (int i = 0; i < 5_000; i++) {
      double lat = 46 + random.nextDouble();
      double lon = 6 + random.nextDouble();
      String category = i % 3 == 0 ? "fuel" : "food";
      b.add("a" + i, new double[] {lat}, new double[] {lon}, null, category, Map.of());
      if (i % 10 == 0) {   // a twin at the same point: equal keys, told apart by id
        b.add("b" + i, new double[] {lat}, new double[] {lon}, null, category, Map.of());
      }
    }
    Path file = dir.resolve("paging.corridx");
    Snapshot.write(b.build(), file);
    Corridor corridor = Corridor.of(
        Route.of(new double[] {46.1, 46.5, 46.9}, new double[] {6.1, 6.8, 6.3}), 8_000);
    try (LocationIndex index = LocationIndex.open(file)) {
      for (Set<String> categories : List.of(Set.<String>of(), Set.of("fuel"))) {
        SearchOptions whole = SearchOptions.builder().sort(sort).categories(categories).build();
        List<Match> all = index.search(corridor, whole);
        assertThat(all).hasSizeGreaterThan(300);
        for (int pageSize : new int[] {1, 7, 100}) {
          List<Match> pages = new ArrayList<>();
          SearchOptions.After after = null;
          for (int page = 0; page <= all.size(); page++) {
            SearchOptions options = whole.toBuilder().limit(pageSize).after(after).build();
            List<Match> found = index.search(corridor, options);
            if (found.isEmpty()) {
              break;
            }
            assertThat(found.size()).isLessThanOrEqualTo(pageSize);
            pages.addAll(found);
            after = SearchOptions.After.of(sort, found.get(found.size() - 1));
          }
          assertThat(pages).as("pages of %d by %s in %s", pageSize, sort, categories).isEqualTo(all);
        }
      }
    }
  }
}

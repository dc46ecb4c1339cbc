package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.index.SearchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay reads back every request of a generated search pool, GET and POST, as it was made. */
class InProcessReplayTest {
  @TempDir Path temp;

  @Test
  void readsEverySearchOfAPoolWithItsRouteRadiusLimitAndSort() throws IOException {
    Path dir = temp.resolve("search");
    SearchPool.over(1).write(dir, 3, 120);
    List<PoolRequest> requests = RequestPool.read(dir).requests();
    int gets = 0;
    int byDistance = 0;
    int withCategories = 0;
    for (PoolRequest r : requests) {
      InProcessReplay.Search s = r.body() == null ? InProcessReplay.fromQuery(r) : InProcessReplay.fromBody(r);
      gets += r.body() == null ? 1 : 0;
      byDistance += s.sort() == SearchOptions.Sort.DISTANCE ? 1 : 0;
      withCategories += s.categories().isEmpty() ? 0 : 1;
      // The pool's ranges (README): 5-1 000 km, 100 m-5 km, limits 10-100, a vertex per 250 m.
      assertThat(s.route().lengthMeters()).as(r.name()).isBetween(4_000.0, 1_100_000.0);
      assertThat(s.radiusMeters()).isBetween(100.0, 5_000.0);
      assertThat(s.limit()).isBetween(10, 100);
      assertThat(s.route().size()).isGreaterThanOrEqualTo(2);
    }
    assertThat(gets).isPositive().isLessThan(requests.size());
    assertThat(byDistance).isPositive().isLessThan(requests.size());
    assertThat(withCategories).isPositive();
  }
}

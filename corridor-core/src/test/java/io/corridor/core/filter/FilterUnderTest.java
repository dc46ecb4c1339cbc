package io.corridor.core.filter;

/**
 * Every way of filtering that the oracle and property suites check: the three strategies, and
 * the fast filter forced down each of its two paths (the grid, fully refined, and the direct
 * scan), since on small inputs its default takes the direct scan and the grid would go untested.
 */
enum FilterUnderTest {
  BASELINE(Strategy.BASELINE.filter()),
  PRE_BBOX(Strategy.PRE_BBOX.filter()),
  FAST(Strategy.FAST.filter()),
  FAST_GRID(FastFilter.singleThreaded(FastFilter.Scan.GRID)),
  FAST_DIRECT(FastFilter.singleThreaded(FastFilter.Scan.DIRECT));

  private final CorridorFilter filter;

  FilterUnderTest(CorridorFilter filter) {
    this.filter = filter;
  }

  CorridorFilter filter() {
    return filter;
  }
}

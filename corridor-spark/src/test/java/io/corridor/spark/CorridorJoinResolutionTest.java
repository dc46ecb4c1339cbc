package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.covering.CellCovering;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class CorridorJoinResolutionTest {

  @Test
  void aFixedCellSizeBecomesWholeCellsPerDegreeWithinTheGridsRange() {
    assertThat(CorridorJoin.cellsPerDegree(1_000)).isEqualTo(111); // 111.2 km a degree
    assertThat(CorridorJoin.cellsPerDegree(1)).isEqualTo(CellCovering.MAX_CELLS_PER_DEGREE);
    assertThat(CorridorJoin.cellsPerDegree(200_000)).isEqualTo(1);
  }

  @Test
  void theResolutionIsTheFinestWhoseEstimateFitsTheBudget() {
    List<Row> sizes = List.of(RowFactory.create(500_000.0, 5_000.0), RowFactory.create(50_000.0, 100.0));
    int n = CorridorJoin.cellsPerDegree(sizes, 20_000);
    assertThat(n).isBetween(1, CellCovering.MAX_CELLS_PER_DEGREE - 1);
    assertThat(estimate(sizes, n)).isLessThanOrEqualTo(20_000);
    // The next finer step (1 024 / √2^k) would not fit.
    int finer = CellCovering.MAX_CELLS_PER_DEGREE;
    for (int k = 1; Math.round(CellCovering.MAX_CELLS_PER_DEGREE / Math.pow(2, k / 2.0)) > n; k++) {
      finer = (int) Math.round(CellCovering.MAX_CELLS_PER_DEGREE / Math.pow(2, k / 2.0));
    }
    assertThat(finer).isGreaterThan(n);
    assertThat(estimate(sizes, finer)).isGreaterThan(20_000);
    assertThat(CorridorJoin.cellsPerDegree(sizes, 1e12)).isEqualTo(CellCovering.MAX_CELLS_PER_DEGREE);
    assertThat(CorridorJoin.cellsPerDegree(sizes, 1)).isEqualTo(1);
  }

  /** A wide, long corridor is covered coarser than asked, at the finest resolution that fits. */
  @Test
  void aCoveringTooLargeForTheResolutionIsCoarsenedByHalves() {
    Corridor wide = Corridor.of(Route.of(new double[] {40, 45}, new double[] {-100, -60}), 50_000);
    assertThatThrownBy(() -> CellCovering.of(wide, 1024)).isInstanceOf(IllegalArgumentException.class);
    int n = CorridorJoin.fittingCellsPerDegree(wide, 1024, "wide");
    assertThat(n).isLessThan(1024);
    assertThat(CellCovering.of(wide, n).cellsPerDegree()).isEqualTo(n);
    assertThatThrownBy(() -> CellCovering.of(wide, 2 * n)).isInstanceOf(IllegalArgumentException.class);
    Corridor narrow = Corridor.of(Route.of(new double[] {46.5, 46.3}, new double[] {6.6, 6.9}), 500);
    assertThat(CorridorJoin.fittingCellsPerDegree(narrow, 1024, "narrow")).isEqualTo(1024);
  }

  private static double estimate(List<Row> sizes, int n) {
    double total = 0;
    for (Row r : sizes) {
      total += CorridorJoin.estimateCells(r.getDouble(0), r.getDouble(1), n);
    }
    return total;
  }
}

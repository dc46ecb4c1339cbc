package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellGridTest {

  /** Every point inside a corridor lies in a cell of its covering, wherever the corridor is. */
  @Test
  void coveringHoldsEveryPointInside() {
    Random random = new Random(7);
    Corridor[] corridors = {
      corridor(new double[] {46.5, 46.3, 46.4}, new double[] {6.6, 6.9, 7.3}, 500),
      corridor(new double[] {-16, -17, -18}, new double[] {179.2, -179.5, -178.8}, 3_000),
      corridor(new double[] {85, 85}, new double[] {10, -170}, 20_000),
      corridor(new double[] {-89.9}, new double[] {0}, 50_000),
      corridor(new double[] {0}, new double[] {180}, 1_000),
      corridor(new double[] {10, 60}, new double[] {-30, 40}, 150),
    };
    for (double cellMeters : new double[] {120, 1_000, 25_000}) {
      CellGrid grid = CellGrid.of(cellMeters);
      for (Corridor corridor : corridors) {
        long[] cover = grid.cover(corridor);
        int inside = 0;
        for (int i = 0; i < 20_000; i++) {
          double[] p = nearRoute(corridor, random);
          double[] d = corridor.distanceAndOffset(p[0], p[1]);
          if (d[0] <= corridor.radiusMeters()) {
            inside++;
            assertThat(Arrays.binarySearch(cover, grid.cellOf(p[0], p[1])))
                .as("cell of (%s, %s) at %s m from %s, cells of %s m", p[0], p[1], d[0],
                    corridor.route(), cellMeters)
                .isGreaterThanOrEqualTo(0);
          }
        }
        assertThat(inside).isGreaterThan(1_000);
      }
    }
  }

  @Test
  void pointsAtTheAntimeridianAndThePolesHaveOneCell() {
    CellGrid grid = CellGrid.of(1_000);
    assertThat(grid.cellOf(90, 0)).isEqualTo(grid.cellOf(90, 120));
    assertThat(grid.cellOf(-90, -180)).isEqualTo(grid.cellOf(-90, 180));
    assertThat(grid.cellOf(10, 180)).isNotEqualTo(grid.cellOf(10, 0));
  }

  static Corridor corridor(double[] lat, double[] lon, double radiusMeters) {
    return Corridor.of(Route.of(lat, lon), radiusMeters);
  }

  /** A point at most about twice the radius from a random vertex or along an arc. */
  static double[] nearRoute(Corridor corridor, Random random) {
    int arc = random.nextInt(corridor.arcCount());
    double[] u = new double[3];
    corridor.pointOnArc(arc, random.nextDouble() * corridor.arcLengthRadians(arc), u);
    double lat = Math.toDegrees(Math.asin(u[2]));
    double lon = Math.toDegrees(Math.atan2(u[1], u[0]));
    double reachDegrees = Math.toDegrees(2 * corridor.radiusRadians());
    double dLat = (random.nextDouble() * 2 - 1) * reachDegrees;
    double dLon = (random.nextDouble() * 2 - 1) * reachDegrees / Math.max(0.01, Math.cos(Math.toRadians(lat)));
    lat = Math.max(-90, Math.min(90, lat + dLat));
    lon = lon + dLon;
    lon = ((lon + 180) % 360 + 360) % 360 - 180;
    return new double[] {lat, lon};
  }
}

package io.corridor.core.covering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.filter.OracleScenario;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.geo.SphereOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The covering a join keys by, against the oracle: every point inside the corridor lies in a
 * listed cell whose arcs give its distance and offset, and every point outside is either in no
 * listed cell or found outside on its cell's arcs; long arcs, the antimeridian, the poles and wide
 * corridors included, at several resolutions.
 */
class CellCoveringTest {
  @Test
  void everyPointIsAnsweredOnItsCellsArcsAsTheOracleSays() {
    SplittableRandom rnd = new SplittableRandom(21);
    List<String> failures = new ArrayList<>();
    int inside = 0;
    for (int trial = 0; trial < 60 && failures.size() < 10; trial++) {
      OracleScenario s = scenario(rnd, trial).addLocations(300);
      int cellsPerDegree = new int[] {1, 16, 128, 1024}[trial % 4];
      Corridor corridor = Corridor.of(Route.of(s.routeLat, s.routeLon), s.radiusMeters);
      CellCovering covering;
      try {
        covering = CellCovering.of(corridor, cellsPerDegree);
      } catch (IllegalArgumentException tooFine) {
        covering = CellCovering.of(corridor, 1);
      }
      SphereOracle.OracleRoute oracle = s.oracleRoute();
      double[] p = new double[3];
      double[] out = new double[2];
      for (int loc = 0; loc < s.locationLat.size(); loc++) {
        double lat = s.locationLat.get(loc)[0];
        double lon = s.locationLon.get(loc)[0];
        SphereOracle.Nearest truth = oracle.nearest(lat, lon);
        int cell = covering.indexOf(CellCovering.cellOf(lat, lon, covering.cellsPerDegree()));
        boolean found = false;
        if (cell >= 0) {
          int[] arcs = covering.arcs(cell);
          Sphere.toUnitVector(lat, lon, p, 0);
          found = corridor.nearest(p[0], p[1], p[2], arcs, 0, arcs.length, out);
        }
        String what = "trial " + trial + " at " + covering.cellsPerDegree() + "/deg, r "
            + s.radiusMeters + ", point " + lat + ", " + lon + ": oracle " + truth.distanceMeters();
        double d = truth.distanceMeters();
        if (d <= s.radiusMeters - 0.05) {
          inside++;
          if (!found) {
            failures.add("missed " + what);
          } else if (Math.abs(out[0] - d) > 0.01 || !truth.acceptsOffset(out[1], 1.0)
              || out[1] > truth.tiedOffsetMeters() + 1.0) {
            failures.add("wrong distance or offset " + what + ", got " + out[0] + " at " + out[1]);
          }
        } else if (d > s.radiusMeters + 0.05 && found) {
          failures.add("wrongly inside " + what);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(inside).isGreaterThan(5_000);
  }

  @Test
  void aCoveringTooFineForItsCorridorIsRefusedWithAMessage() {
    Corridor wide = Corridor.of(Route.of(new double[] {0, 10}, new double[] {0, 10}), 2_000_000);
    assertThatThrownBy(() -> CellCovering.of(wide, 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("choose fewer cells per degree");
    assertThatThrownBy(() -> CellCovering.of(wide, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static OracleScenario scenario(SplittableRandom rnd, int trial) {
    double lat = -70 + 140 * rnd.nextDouble();
    double lon = -180 + 360 * rnd.nextDouble();
    switch (trial % 5) {
      case 0 -> {
        double[] b = OracleScenario.move(lat, lon, 360 * rnd.nextDouble(), 2_000_000 + 8_000_000 * rnd.nextDouble());
        return new OracleScenario("long", new double[] {lat, b[0]}, new double[] {lon, b[1]},
            OracleScenario.logUniform(rnd, 100, 200_000), rnd);
      }
      case 1 -> {
        double[][] v = OracleScenario.walk(rnd, lat, 179.5, 90, 200_000, 1_000, 20_000, 30);
        return new OracleScenario("antimeridian", v[0], v[1], OracleScenario.logUniform(rnd, 50, 50_000), rnd);
      }
      case 2 -> {
        double sign = rnd.nextBoolean() ? 1 : -1;
        double[][] v = OracleScenario.walk(rnd, sign * 85, lon, sign > 0 ? 0 : 180, 1_500_000, 10_000, 100_000, 10);
        return new OracleScenario("pole", v[0], v[1], OracleScenario.logUniform(rnd, 100, 300_000), rnd);
      }
      case 3 -> {
        double[][] v = OracleScenario.walk(rnd, lat, lon, 360 * rnd.nextDouble(), 10_000, 20, 300, 40);
        return new OracleScenario("city", v[0], v[1], OracleScenario.logUniform(rnd, 5, 2_000), rnd);
      }
      default -> {
        double[] b = OracleScenario.move(lat, lon, 360 * rnd.nextDouble(), OracleScenario.logUniform(rnd, 100, 5_000_000));
        return new OracleScenario("wide", new double[] {lat, b[0]}, new double[] {lon, b[1]},
            OracleScenario.logUniform(rnd, 200_000, 2_000_000), rnd);
      }
    }
  }
}

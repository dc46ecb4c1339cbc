package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link LocationIndex#locationsInBox} against a scan of every point of the index: random
 * locations over the whole sphere, crowded into a few cells, along the antimeridian, at the poles
 * and on cell edges, some with points many cells apart; boxes of every size, across the
 * antimeridian, up to either pole, around the whole Earth, reduced to a line or a point, with
 * edges on the locations' own coordinates. A box's edges belong to it, and longitudes −180 and
 * 180 are the same meridian.
 */
class LocationsInBoxTest {
  private static final String[] CATEGORIES = {"fuel", "charging", "hotel", null};
  private static final double CELL = 1.0 / 128;

  @Test
  void everyBoxFindsWhatAScanOfEveryPointFinds() {
    SplittableRandom rnd = new SplittableRandom(0xB0C5L);
    LocationIndex index = randomIndex(rnd, 6_000);
    int nonEmpty = 0;
    for (int i = 0; i < 3_000; i++) {
      double[] box = randomBox(rnd, index);
      Set<String> categories = randomCategories(rnd);
      int[] truth = scan(index, box, categories);
      int[] got = index.locationsInBox(box, categories, Integer.MAX_VALUE - 1);
      assertThat(got).as("box %s, categories %s", Arrays.toString(box), categories).containsExactly(truth);
      if (truth.length > 0) {
        nonEmpty++;
      }
    }
    assertThat(nonEmpty).as("boxes that hold a location").isGreaterThan(1_500);
  }

  @Test
  void aQueryStopsAtMaxPlusOneLocationsAllOfThemInTheBox() {
    SplittableRandom rnd = new SplittableRandom(0xB0C6L);
    LocationIndex index = randomIndex(rnd, 3_000);
    int cut = 0;
    for (int i = 0; i < 1_000; i++) {
      double[] box = randomBox(rnd, index);
      Set<String> categories = randomCategories(rnd);
      int[] truth = scan(index, box, categories);
      int max = rnd.nextInt(truth.length + 3);
      int[] got = index.locationsInBox(box, categories, max);
      String what = "box " + Arrays.toString(box) + ", max " + max;
      assertThat(got).as(what).hasSize(Math.min(truth.length, max + 1)).isSorted().doesNotHaveDuplicates();
      Set<Integer> inTruth = new TreeSet<>();
      for (int t : truth) {
        inTruth.add(t);
      }
      for (int g : got) {
        assertThat(inTruth).as(what).contains(g);
      }
      if (truth.length > max) {
        cut++;
      }
    }
    assertThat(cut).as("queries cut short").isGreaterThan(300);
  }

  @Test
  void handWorkedBoxesAtTheAntimeridianThePolesAndTheCellEdges() {
    LocationIndex index = LocationIndex.builder()
        .add("east-edge", new double[] {10}, new double[] {180}, null, null, null)
        .add("west-edge", new double[] {-10}, new double[] {-180}, null, null, null)
        .add("north-pole", new double[] {90}, new double[] {37}, null, "fuel", null)
        .add("south-pole", new double[] {-90}, new double[] {-180}, null, null, null)
        .add("spread", new double[] {0, 45, 0.5}, new double[] {-170, 10, 170}, null, "fuel", null)
        .add("corner", new double[] {CELL * 3}, new double[] {CELL * 5}, null, null, null)
        .build();
    assertThat(ids(index, new double[] {179, 0, -179, 20})).containsExactly("east-edge");
    assertThat(ids(index, new double[] {170, -20, -170, 20})).containsExactlyInAnyOrder("east-edge", "west-edge", "spread");
    // -180 and 180 are one meridian: a box that starts at -180 holds a point at 180, and the other way.
    assertThat(ids(index, new double[] {-180, 0, -175, 20})).containsExactly("east-edge");
    assertThat(ids(index, new double[] {175, -20, 180, 0})).containsExactly("west-edge");
    assertThat(ids(index, new double[] {-180, 89, 180, 90})).containsExactly("north-pole");
    assertThat(ids(index, new double[] {0, 90, 0, 90})).isEmpty();
    assertThat(ids(index, new double[] {37, 90, 37, 90})).containsExactly("north-pole");
    assertThat(ids(index, new double[] {179, -90, 180, -89})).containsExactly("south-pole");
    assertThat(ids(index, new double[] {9, 44, 11, 46})).containsExactly("spread");
    assertThat(index.locationsInBox(new double[] {9, 44, 11, 46}, Set.of("hotel"), 10)).isEmpty();
    assertThat(ids(index, new double[] {CELL * 5, CELL * 3, CELL * 5, CELL * 3})).containsExactly("corner");
    assertThat(ids(index, new double[] {CELL * 5 + 1e-12, CELL * 3, 1, 1})).isEmpty();
    assertThat(ids(index, new double[] {-1, -1, CELL * 5, CELL * 3 - 1e-12})).isEmpty();
    assertThat(ids(index, new double[] {-180, -90, 180, 90})).hasSize(6);
    assertThat(Arrays.stream(index.locationsInBox(new double[] {-180, -90, 180, 90}, Set.of("fuel", "none"), 10))
        .mapToObj(index::id)).containsExactlyInAnyOrder("north-pole", "spread");
  }

  @Test
  void aBadBoxOrMaxIsRefusedAndAClosedIndexRefusesEveryQuery() {
    LocationIndex index = LocationIndex.builder()
        .add("a", new double[] {1}, new double[] {1}, null, null, null).build();
    double[][] bad = {
      {}, {0, 0, 1}, {0, 0, 1, 1, 1},
      {Double.NaN, 0, 1, 1}, {0, Double.NaN, 1, 1}, {0, 0, Double.NaN, 1}, {0, 0, 1, Double.NaN},
      {Double.NEGATIVE_INFINITY, 0, 1, 1}, {0, Double.NEGATIVE_INFINITY, 1, 1},
      {0, 0, Double.POSITIVE_INFINITY, 1}, {0, 0, 1, Double.POSITIVE_INFINITY},
      {0, 2, 1, 1},
      {0, -91, 1, 1}, {0, 0, 1, 91}, {-181, 0, 1, 1}, {0, 0, 181, 1}, {-540, 0, 1, 1},
    };
    for (double[] box : bad) {
      assertThatThrownBy(() -> index.locationsInBox(box, Set.of(), 10)).as(Arrays.toString(box))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> index.locationsInBox(new double[] {0, 0, 2, 2}, Set.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.locationsInBox(new double[] {0, 0, 2, 2}, Set.of(), 0)).containsExactly(0);
    index.close();
    assertThatThrownBy(() -> index.locationsInBox(new double[] {0, 0, 2, 2}, Set.of(), 10))
        .isInstanceOf(IllegalStateException.class);
  }

  // The oracle: every point of every location, tested against the box's definition.

  private static int[] scan(LocationIndex index, double[] box, Set<String> categories) {
    List<Integer> found = new ArrayList<>();
    for (int loc = 0; loc < index.size(); loc++) {
      String category = index.category(loc);
      if (!categories.isEmpty() && (category == null || !categories.contains(category))) {
        continue;
      }
      for (int p = index.pointStart(loc); p < index.pointEnd(loc); p++) {
        if (inBox(box, index.latDegrees(p), index.lonDegrees(p))) {
          found.add(loc);
          break;
        }
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean inBox(double[] box, double lat, double lon) {
    if (lat < box[1] || lat > box[3]) {
      return false;
    }
    if (Math.abs(lon) == 180) {
      return inLongitudes(box, 180) || inLongitudes(box, -180);
    }
    return inLongitudes(box, lon);
  }

  private static boolean inLongitudes(double[] box, double lon) {
    double west = box[0];
    double east = box[2];
    return west <= east ? west <= lon && lon <= east : lon >= west || lon <= east;
  }

  private static List<String> ids(LocationIndex index, double[] box) {
    return Arrays.stream(index.locationsInBox(box, Set.of(), 100)).mapToObj(index::id).toList();
  }

  // Random locations and boxes.

  /**
   * An index of {@code n} locations: a third anywhere on the sphere, a third crowded round a few
   * centres (many to a cell), the rest along the antimeridian, at the poles or on cell edges; one
   * in four has two to five points, up to a few degrees apart and sometimes across ±180.
   */
  private static LocationIndex randomIndex(SplittableRandom rnd, int n) {
    LocationIndexBuilder b = LocationIndex.builder();
    double[][] centres = new double[8][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = new double[] {-80 + 160 * rnd.nextDouble(), -180 + 360 * rnd.nextDouble()};
    }
    for (int i = 0; i < n; i++) {
      double[] first = randomPoint(rnd, centres);
      int points = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(4) : 1;
      double[] lats = new double[points];
      double[] lons = new double[points];
      lats[0] = first[0];
      lons[0] = first[1];
      double spread = rnd.nextBoolean() ? 0.02 : 3;
      for (int k = 1; k < points; k++) {
        lats[k] = Math.max(-90, Math.min(90, first[0] + spread * (2 * rnd.nextDouble() - 1)));
        lons[k] = wrap(first[1] + spread * (2 * rnd.nextDouble() - 1));
      }
      b.add("loc-" + i, lats, lons, null, CATEGORIES[rnd.nextInt(CATEGORIES.length)], null);
    }
    return b.build();
  }

  private static double[] randomPoint(SplittableRandom rnd, double[][] centres) {
    switch (rnd.nextInt(9)) {
      case 0, 1, 2 -> {
        return new double[] {Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1)), -180 + 360 * rnd.nextDouble()};
      }
      case 3, 4, 5 -> {
        double[] c = centres[rnd.nextInt(centres.length)];
        return new double[] {c[0] + 0.05 * rnd.nextDouble(), wrap(c[1] + 0.05 * rnd.nextDouble())};
      }
      case 6 -> {
        double lon = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? 180 : -180) : wrap(180 + 0.2 * (2 * rnd.nextDouble() - 1));
        return new double[] {-85 + 170 * rnd.nextDouble(), lon};
      }
      case 7 -> {
        double lat = rnd.nextInt(4) == 0 ? 90 : 89.5 + 0.5 * rnd.nextDouble();
        return new double[] {rnd.nextBoolean() ? lat : -lat, -180 + 360 * rnd.nextDouble()};
      }
      default -> {
        // On the edges of cells: whole multiples of the cell size.
        return new double[] {CELL * (rnd.nextInt(180 * 128 + 1) - 90 * 128), CELL * (rnd.nextInt(360 * 128 + 1) - 180 * 128)};
      }
    }
  }

  /** A box of a random kind, its edges sometimes on the coordinates of a location's point. */
  private static double[] randomBox(SplittableRandom rnd, LocationIndex index) {
    int p = rnd.nextInt(index.pointCount());
    double lat = index.latDegrees(p);
    double lon = index.lonDegrees(p);
    double height;
    double width;
    switch (rnd.nextInt(8)) {
      case 0 -> { // around the whole Earth
        double south = -90 + 180 * rnd.nextDouble();
        return new double[] {-180, south, 180, south + (90 - south) * rnd.nextDouble()};
      }
      case 1 -> { // a cap at either pole
        double edge = 80 + 10 * rnd.nextDouble();
        double west = -180 + 360 * rnd.nextDouble();
        double east = rnd.nextBoolean() ? wrap(west + 360 * rnd.nextDouble()) : (rnd.nextBoolean() ? 180 : west);
        return rnd.nextBoolean() ? new double[] {west, edge, east, 90} : new double[] {west, -90, east, -edge};
      }
      case 2 -> { // across the antimeridian
        double west = 180 - 20 * rnd.nextDouble();
        double east = -180 + 20 * rnd.nextDouble();
        double south = -90 + 170 * rnd.nextDouble();
        return new double[] {west, south, east, Math.min(90, south + 30 * rnd.nextDouble())};
      }
      case 3 -> { // a line or a point through a location's point
        return rnd.nextBoolean() ? new double[] {lon, lat, lon, lat}
            : new double[] {lon, Math.max(-90, lat - rnd.nextDouble()), lon, lat};
      }
      case 4 -> { // edges on a location's coordinates
        double w = 5 * rnd.nextDouble();
        double h = 5 * rnd.nextDouble();
        return switch (rnd.nextInt(4)) {
          case 0 -> new double[] {lon, Math.max(-90, lat - h), wrap(lon + w), lat};
          case 1 -> new double[] {wrap(lon - w), lat, lon, Math.min(90, lat + h)};
          case 2 -> new double[] {lon, lat, wrap(lon + w), Math.min(90, lat + h)};
          default -> new double[] {wrap(lon - w), Math.max(-90, lat - h), lon, lat};
        };
      }
      case 5 -> {
        height = 0.1 * rnd.nextDouble();
        width = 0.1 * rnd.nextDouble();
      }
      case 6 -> {
        height = 20 * rnd.nextDouble();
        width = 60 * rnd.nextDouble();
      }
      default -> {
        height = 120 * rnd.nextDouble();
        width = 359 * rnd.nextDouble();
      }
    }
    double south = Math.max(-90, lat - height * rnd.nextDouble());
    double north = Math.min(90, south + height);
    double west = wrap(lon - width * rnd.nextDouble());
    return new double[] {west, south, wrap(west + width), north};
  }

  private static Set<String> randomCategories(SplittableRandom rnd) {
    return switch (rnd.nextInt(5)) {
      case 0 -> Set.of("fuel");
      case 1 -> Set.of("charging", "hotel");
      case 2 -> Set.of("unknown");
      default -> Set.of();
    };
  }

  /** Returns the longitude in [-180, 180). */
  private static double wrap(double lon) {
    return ((lon + 180) % 360 + 360) % 360 - 180;
  }
}

package io.corridor.synthetic;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Roads between nearby towns: each town is linked to its two nearest neighbours, and a road carries
 * locations in proportion to its length and to the size of the towns it joins. A road is the
 * straight line in latitude and longitude between its towns, close to the great-circle arc at the
 * tens of kilometres that separate neighbours.
 */
final class Roads {
  private static final int NEIGHBOURS = 2;

  final int count;
  final int[] from;
  final int[] to;
  /** Unit vector across the road, in metres east and north, for offsets to its side. */
  final double[] acrossEast;
  final double[] acrossNorth;
  private final double[] cumulativeWeight;

  private Roads(int[] from, int[] to, Towns towns) {
    this.count = from.length;
    this.from = from;
    this.to = to;
    acrossEast = new double[count];
    acrossNorth = new double[count];
    cumulativeWeight = new double[count];
    double sum = 0;
    for (int r = 0; r < count; r++) {
      int a = from[r];
      int b = to[r];
      double north = (towns.lat[b] - towns.lat[a]) * Towns.METRES_PER_DEGREE;
      double east = (towns.lon[b] - towns.lon[a]) * 0.5
          * (towns.metresPerLonDegree[a] + towns.metresPerLonDegree[b]);
      double length = Math.sqrt(north * north + east * east);
      if (length < 1) {
        acrossEast[r] = 1;
      } else {
        acrossEast[r] = -north / length;
        acrossNorth[r] = east / length;
      }
      sum += Math.max(length, 1) * (Math.sqrt(towns.weight[a]) + Math.sqrt(towns.weight[b]));
      cumulativeWeight[r] = sum;
    }
  }

  /** Links every town to its nearest neighbours, each road once, in a deterministic order. */
  static Roads create(Towns towns) {
    Set<Long> seen = new HashSet<>();
    int[] from = new int[towns.count * NEIGHBOURS];
    int[] to = new int[towns.count * NEIGHBOURS];
    int n = 0;
    for (int a = 0; a < towns.count; a++) {
      int[] nearest = nearest(towns, a);
      for (int b : nearest) {
        if (b >= 0 && seen.add((long) Math.min(a, b) * towns.count + Math.max(a, b))) {
          from[n] = a;
          to[n] = b;
          n++;
        }
      }
    }
    return new Roads(Arrays.copyOf(from, n), Arrays.copyOf(to, n), towns);
  }

  /** Draws a road with probability proportional to its weight. */
  int draw(SplitMix64 random) {
    double r = random.nextDouble() * cumulativeWeight[count - 1];
    int i = Arrays.binarySearch(cumulativeWeight, r);
    return Math.min(count - 1, i >= 0 ? i + 1 : -i - 1);
  }

  private static int[] nearest(Towns towns, int a) {
    int[] best = new int[NEIGHBOURS];
    double[] bestDistance = new double[NEIGHBOURS];
    Arrays.fill(best, -1);
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    for (int b = 0; b < towns.count; b++) {
      if (b == a) {
        continue;
      }
      double d = towns.distanceMeters(a, b);
      // Insertion into the short sorted list; ties keep the lower index, so the order is fixed.
      for (int k = 0; k < NEIGHBOURS; k++) {
        if (d < bestDistance[k]) {
          System.arraycopy(best, k, best, k + 1, NEIGHBOURS - k - 1);
          System.arraycopy(bestDistance, k, bestDistance, k + 1, NEIGHBOURS - k - 1);
          best[k] = b;
          bestDistance[k] = d;
          break;
        }
      }
    }
    return best;
  }
}

package io.corridor.synthetic;

import java.util.Arrays;

/**
 * The town centres of a region: placed uniformly by area, sized by Zipf's law (the k-th town holds
 * 1/k of the largest town's share of locations), with a spread that grows with the town's size.
 */
final class Towns {
  /** Metres per degree of latitude on the sphere of radius 6 371 008.8 m. */
  static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;
  /** One town per this many square kilometres: about 1 200 towns in western Europe's box. */
  private static final double SQUARE_KM_PER_TOWN = 2_000;
  private static final int MIN_TOWNS = 12;
  private static final int MAX_TOWNS = 3_000;

  final int count;
  final double[] lat;
  final double[] lon;
  /** Standard deviation of the distance of a town's locations from its centre, per axis. */
  final double[] spreadMeters;
  /** Metres per degree of longitude at each town's latitude. */
  final double[] metresPerLonDegree;
  final String[] name;
  /** Zipf weight of each town: 1/(rank), the largest first. */
  final double[] weight;
  private final double[] cumulativeWeight;

  private Towns(int count) {
    this.count = count;
    lat = new double[count];
    lon = new double[count];
    spreadMeters = new double[count];
    metresPerLonDegree = new double[count];
    name = new String[count];
    weight = new double[count];
    cumulativeWeight = new double[count];
  }

  /** Places the towns of {@code region} from {@code random}; the count follows the region's area. */
  static Towns create(Region region, SplitMix64 random) {
    int n = (int) Math.max(MIN_TOWNS, Math.min(MAX_TOWNS, Math.round(region.areaSquareKm() / SQUARE_KM_PER_TOWN)));
    Towns towns = new Towns(n);
    double sinMin = StrictMath.sin(Math.toRadians(region.minLat()));
    double sinMax = StrictMath.sin(Math.toRadians(region.maxLat()));
    double sum = 0;
    for (int k = 0; k < n; k++) {
      // Uniform by area: uniform in sin(latitude), so towns do not crowd towards the pole.
      double lat = Math.toDegrees(StrictMath.asin(sinMin + random.nextDouble() * (sinMax - sinMin)));
      towns.lat[k] = Math.max(region.minLat(), Math.min(region.maxLat(), lat));
      towns.lon[k] = region.minLon() + random.nextDouble() * (region.maxLon() - region.minLon());
      towns.metresPerLonDegree[k] = METRES_PER_DEGREE
          * Math.max(0.01, StrictMath.cos(Math.toRadians(towns.lat[k])));
      towns.weight[k] = 1.0 / (k + 1);
      // About 7 km for the largest town, 2.5 km for the 10th, 1 km for the 100th, 500 m at the tail.
      towns.spreadMeters[k] = 300 + 7_000 / Math.sqrt(k + 1);
      towns.name[k] = Names.town(random);
      sum += towns.weight[k];
      towns.cumulativeWeight[k] = sum;
    }
    return towns;
  }

  /** Draws a town with probability proportional to its Zipf weight. */
  int draw(SplitMix64 random) {
    double r = random.nextDouble() * cumulativeWeight[count - 1];
    int i = Arrays.binarySearch(cumulativeWeight, r);
    return Math.min(count - 1, i >= 0 ? i + 1 : -i - 1);
  }

  /** Returns the distance in metres between two towns, flat-earth: towns linked by roads are near. */
  double distanceMeters(int a, int b) {
    double north = (lat[b] - lat[a]) * METRES_PER_DEGREE;
    double east = (lon[b] - lon[a]) * 0.5 * (metresPerLonDegree[a] + metresPerLonDegree[b]);
    return Math.sqrt(north * north + east * east);
  }
}

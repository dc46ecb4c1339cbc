package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join against the single-machine filter ({@code corridor filter}'s code), route by route:
 * the same ids, distances and offsets, at the antimeridian, over a pole, for multi-point
 * locations, whatever the cell size and however routes are split into groups.
 */
class CorridorJoinTest {
  static final StructType ROUTES = new StructType()
      .add("id", DataTypes.StringType).add("route", DataTypes.StringType).add("radius_m", DataTypes.DoubleType);
  static final StructType LOCATIONS = new StructType()
      .add("id", DataTypes.StringType).add("lat", DataTypes.DoubleType).add("lon", DataTypes.DoubleType);

  /** Route id → {route text, radius}. */
  static final Map<String, Object[]> ROUTE_TEXTS = new LinkedHashMap<>();
  static final List<Object[]> POINTS = new ArrayList<>();
  static LocationSet locations;

  @BeforeAll
  static void data() {
    ROUTE_TEXTS.put("lake", new Object[] {
        "LINESTRING (6.63 46.52, 6.75 46.49, 6.91 46.46, 6.92 46.43)", 500.0});
    ROUTE_TEXTS.put("antimeridian", new Object[] {
        "{\"type\":\"LineString\",\"coordinates\":[[179.2,-16],[-179.5,-17],[-178.8,-18]]}", 3_000.0});
    ROUTE_TEXTS.put("polar", new Object[] {"LINESTRING (10 85, -170 85)", 20_000.0});
    ROUTE_TEXTS.put("south-pole-point", new Object[] {"POINT (0 -89.9)", 40_000.0});
    // Google's example polyline: three vertices in California and Oregon, 1 000 km.
    ROUTE_TEXTS.put("polyline", new Object[] {"_p~iF~ps|U_ulLnnqC_mqNvxq`@", 2_000.0});
    ROUTE_TEXTS.put("long-thin", new Object[] {"LINESTRING (-30 10, 40 60)", 150.0});

    Random random = new Random(42);
    LocationSet.Builder builder = LocationSet.builder();
    int n = 0;
    for (Object[] route : ROUTE_TEXTS.values()) {
      Corridor corridor = Corridor.of(RouteText.parse((String) route[0]), (Double) route[1]);
      for (int i = 0; i < 400; i++) {
        double[] p = NearRoute.nearRoute(corridor, random);
        String id = "p" + n++;
        add(builder, id, p);
        if (i % 10 == 0) {
          // A second and third point of the same location: one near, one anywhere.
          add(builder, id, NearRoute.nearRoute(corridor, random));
          add(builder, id, new double[] {random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180});
        }
      }
    }
    for (int i = 0; i < 500; i++) {
      add(builder, "far" + i, new double[] {random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180});
    }
    locations = builder.build();
  }

  private static void add(LocationSet.Builder builder, String id, double[] p) {
    builder.add(id, p[0], p[1]);
    POINTS.add(new Object[] {id, p[0], p[1]});
  }

  @Test
  void equalsTheFilterRouteByRouteWithRoutesBroadcast() {
    assertEqualsFilter(CorridorJoin.Options.defaults());
  }

  @Test
  void equalsTheFilterWithSmallCellsAndRoutesSplitIntoGroups() {
    assertEqualsFilter(new CorridorJoin.Options(1_000, 1, 16, 100, 0));
  }

  @Test
  void equalsTheFilterWithoutBroadcast() {
    assertEqualsFilter(CorridorJoin.Options.defaults().withoutBroadcast());
  }

  @Test
  void equalsTheFilterWithLargeCells() {
    assertEqualsFilter(CorridorJoin.Options.defaults().withCellMeters(200_000));
  }

  @Test
  void refusesAnInvalidRouteNamingIt() {
    SparkSession spark = LocalSpark.session();
    Dataset<Row> routes = spark.createDataFrame(
        List.of(RowFactory.create("bad", "LINESTRING (1 2, 3)", 10.0)), ROUTES);
    assertThatThrownBy(() -> CorridorJoin.join(routes, locations(spark)).collectAsList())
        .hasStackTraceContaining("route 'bad': WKT character 19");
    Dataset<Row> radius = spark.createDataFrame(
        List.of(RowFactory.create("r0", "POINT (1 2)", 0.0)), ROUTES);
    assertThatThrownBy(() -> CorridorJoin.join(radius, locations(spark)).collectAsList())
        .hasStackTraceContaining("route 'r0': radius 0.0 must be");
  }

  @Test
  void refusesAPointOutOfRangeNamingIt() {
    SparkSession spark = LocalSpark.session();
    Dataset<Row> points = spark.createDataFrame(
        List.of(RowFactory.create("north", 91.0, 0.0)), LOCATIONS);
    assertThatThrownBy(() -> CorridorJoin.join(routes(spark), points).collectAsList())
        .hasStackTraceContaining("location 'north': latitude 91.0 is outside [-90, 90]");
  }

  private static Dataset<Row> routes(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    ROUTE_TEXTS.forEach((id, r) -> rows.add(RowFactory.create(id, r[0], r[1])));
    return spark.createDataFrame(rows, ROUTES);
  }

  private static Dataset<Row> locations(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Object[] p : POINTS) {
      rows.add(RowFactory.create(p));
    }
    return spark.createDataFrame(rows, LOCATIONS).repartition(3);
  }

  private static void assertEqualsFilter(CorridorJoin.Options options) {
    SparkSession spark = LocalSpark.session();
    List<Row> joined = CorridorJoin.join(routes(spark), locations(spark), options)
        .orderBy("route_id", "offset_m", "id").collectAsList();
    int total = 0;
    for (Map.Entry<String, Object[]> route : ROUTE_TEXTS.entrySet()) {
      Corridor corridor =
          Corridor.of(RouteText.parse((String) route.getValue()[0]), (Double) route.getValue()[1]);
      List<String> expected = new ArrayList<>();
      for (Match m : FastFilter.singleThreaded().filter(corridor, locations)) {
        expected.add(locations.id(m.location()) + " " + m.distanceMeters() + " " + m.offsetMeters());
      }
      List<String> actual = new ArrayList<>();
      for (Row r : joined) {
        if (r.getString(0).equals(route.getKey())) {
          actual.add(r.getString(1) + " " + r.getDouble(2) + " " + r.getDouble(3));
        }
      }
      assertThat(actual).as("route %s", route.getKey()).containsExactlyElementsOf(expected);
      assertThat(expected).as("route %s", route.getKey()).hasSizeGreaterThan(20);
      total += expected.size();
    }
    assertThat(joined).hasSize(total);
  }
}

package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.geo.Corridor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The SQL functions against the corridor measured directly, for a route in each of its forms. */
class CorridorFunctionsTest {
  private static final String POLYLINE = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";
  private static final String WKT = "LINESTRING (-120.2 38.5, -120.95 40.7, -126.453 43.252)";
  private static final String GEOJSON =
      "{\"type\":\"LineString\",\"coordinates\":[[-120.2,38.5],[-120.95,40.7],[-126.453,43.252]]}";

  @Test
  void answerAsTheCorridorForEveryFormOfRoute() {
    SparkSession spark = LocalSpark.session();
    Corridor corridor = Corridor.of(RouteText.parse(WKT), 5_000);
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    int inside = 0;
    for (int i = 0; i < 600; i++) {
      double[] p = NearRoute.nearRoute(corridor, random);
      String route = i % 3 == 0 ? POLYLINE : i % 3 == 1 ? WKT : GEOJSON;
      rows.add(RowFactory.create(i, p[0], p[1], route));
    }
    StructType schema = new StructType().add("n", DataTypes.IntegerType).add("lat", DataTypes.DoubleType)
        .add("lon", DataTypes.DoubleType).add("route", DataTypes.StringType);
    spark.createDataFrame(rows, schema).repartition(2).createOrReplaceTempView("points");
    List<Row> answers = spark.sql("SELECT n, lat, lon, corridor_within(lat, lon, route, 5000), "
        + "corridor_distance(lat, lon, route, 5000), corridor_offset(lat, lon, route, 5000) "
        + "FROM points ORDER BY n").collectAsList();
    assertThat(answers).hasSize(600);
    for (Row r : answers) {
      double[] d = corridor.distanceAndOffset(r.getDouble(1), r.getDouble(2));
      boolean expected = d[0] <= 5_000;
      assertThat(r.getBoolean(3)).as("point %s", r.getInt(0)).isEqualTo(expected);
      if (expected) {
        inside++;
        assertThat(r.getDouble(4)).isEqualTo(d[0]);
        assertThat(r.getDouble(5)).isEqualTo(d[1]);
      } else {
        assertThat(r.isNullAt(4)).isTrue();
        assertThat(r.isNullAt(5)).isTrue();
      }
    }
    assertThat(inside).isBetween(100, 500);
  }

  @Test
  void nullInGivesNullOutAndBadRoutesFailNamingThePlace() {
    SparkSession spark = LocalSpark.session();
    Row r = spark.sql("SELECT corridor_within(CAST(NULL AS DOUBLE), 1.0, 'POINT (1 1)', 10.0), "
        + "corridor_distance(1.0, 1.0, CAST(NULL AS STRING), 10.0)").first();
    assertThat(r.isNullAt(0)).isTrue();
    assertThat(r.isNullAt(1)).isTrue();
    assertThatThrownBy(() -> spark.sql(
            "SELECT corridor_within(1.0, 1.0, 'LINESTRING (1 1, 2 x)', 10.0)").collectAsList())
        .hasStackTraceContaining("WKT character 20 ('x')");
    assertThatThrownBy(() -> spark.sql(
            "SELECT corridor_within(95.0, 1.0, 'POINT (1 1)', 10.0)").collectAsList())
        .hasStackTraceContaining("point: latitude 95.0 is outside [-90, 90]");
  }
}

package io.corridor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.index.LocationIndex;
import io.corridor.index.LocationIndexBuilder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real PostgreSQL with PostGIS named by CORRIDOR_TEST_POSTGRES_URL (.ci/run starts
 * one); without it the tests skip locally and fail when CI=true.
 */
class PostgisImporterTest {
  private static final String TABLE = "corridor_test_" + Math.abs(ThreadLocalRandom.current().nextInt());
  private static final String url = TestPostgres.url();

  @BeforeAll
  static void createTables() throws SQLException {
    if (!TestPostgres.availableOrSay()) {
      return;
    }
    TestPostgres.sql(
        "CREATE TABLE " + TABLE + " (id text, name text, category text, kw int, geom geometry)",
        "INSERT INTO " + TABLE + " VALUES"
            + " ('p1', 'Gare', 'charging_station', 150, ST_SetSRID(ST_MakePoint(6.6291235, 46.5167481), 4326)),"
            + " ('p2', NULL, NULL, NULL, 'SRID=4326;POINT(-179.9999999 -89.5)'),"
            + " ('m1', 'Two', 'fuel', NULL, 'SRID=4326;MULTIPOINT((6.1 46.2),(6.15 46.25))'),"
            + " ('null1', 'None', 'fuel', NULL, NULL),"
            + " ('line1', 'Road', 'fuel', NULL, 'SRID=4326;LINESTRING(6 46,7 47)'),"
            + " ('merc1', 'Mercator', 'fuel', NULL, 'SRID=3857;POINT(737966 5864733)')",
        "CREATE TABLE " + TABLE + "_geog (id text, name text, category text, geog geography)",
        "INSERT INTO " + TABLE + "_geog VALUES"
            + " ('g1', 'Lausanne', 'town', 'SRID=4326;POINT(6.6322734 46.5196535)'),"
            + " ('g2', 'Both', 'town', 'SRID=4326;MULTIPOINT((179.5 -16.5),(-179.5 -16.25))')");
  }

  /** Skips each test without a database locally, and fails it in CI, where one must be present. */
  @BeforeEach
  void requireDatabase() {
    TestPostgres.require();
  }

  @AfterAll
  static void dropTables() throws SQLException {
    if (url != null) {
      TestPostgres.sql("DROP TABLE IF EXISTS " + TABLE, "DROP TABLE IF EXISTS " + TABLE + "_geog");
    }
  }

  @Test
  void importsGeometryPointsAndMultiPoints() throws ImportException {
    LocationIndex index = importAll("SELECT id, name, category, kw, geom FROM " + TABLE
        + " WHERE id IN ('p1', 'p2', 'm1')");
    Map<String, Integer> byId = byId(index);
    assertThat(byId).containsOnlyKeys("p1", "p2", "m1");

    int p1 = byId.get("p1");
    assertThat(index.name(p1)).isEqualTo("Gare");
    assertThat(index.category(p1)).isEqualTo("charging_station");
    // Every column but id and geom, in the query's order.
    assertThat(index.properties(p1)).containsExactly(Map.entry("name", "Gare"),
        Map.entry("category", "charging_station"), Map.entry("kw", "150"));
    assertThat(points(index, p1)).containsExactly(46.5167481, 6.6291235);

    int p2 = byId.get("p2");
    assertThat(index.name(p2)).isNull();
    assertThat(index.category(p2)).isNull();
    assertThat(index.properties(p2)).isEmpty();
    assertThat(points(index, p2)).containsExactly(-89.5, -179.9999999);

    assertThat(points(index, byId.get("m1"))).containsExactly(46.2, 6.1, 46.25, 6.15);
  }

  @Test
  void importsGeographyPointsAndMultiPoints() throws ImportException {
    LocationIndex index = importAll("SELECT id, name, category, geog AS geom FROM " + TABLE + "_geog");
    Map<String, Integer> byId = byId(index);
    assertThat(index.name(byId.get("g1"))).isEqualTo("Lausanne");
    assertThat(points(index, byId.get("g1"))).containsExactly(46.5196535, 6.6322734);
    assertThat(points(index, byId.get("g2"))).containsExactly(-16.5, 179.5, -16.25, -179.5);
  }

  @Test
  void importsWkbFromStAsBinaryAndLeavesOutOptionalColumns() throws ImportException {
    LocationIndex index = importAll("SELECT ST_AsBinary(geom) AS geom, id FROM " + TABLE
        + " WHERE id = 'p1'");
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.id(0)).isEqualTo("p1");
    assertThat(index.name(0)).isNull();
    assertThat(points(index, 0)).containsExactly(46.5167481, 6.6291235);
  }

  @Test
  void streamsMoreRowsThanOneFetchReportingProgress() throws ImportException {
    int n = PostgisImporter.FETCH_SIZE * 2 + 500;
    LocationIndexBuilder builder = LocationIndex.builder();
    List<long[]> updates = new ArrayList<>();
    long rows = PostgisImporter.importInto(url, "SELECT 'r' || i AS id, 'c' AS category,"
            + " ST_SetSRID(ST_MakePoint(i % 360 - 180, i % 180 - 90), 4326) AS geom"
            + " FROM generate_series(1, " + n + ") AS i",
        builder, (done, total, added) -> updates.add(new long[] {done, total, added}));
    assertThat(rows).isEqualTo(n);
    assertThat(builder.build().size()).isEqualTo(n);
    assertThat(updates).hasSize(3);
    assertThat(updates.get(0)).containsExactly(PostgisImporter.FETCH_SIZE, -1, PostgisImporter.FETCH_SIZE);
    assertThat(updates.get(2)).containsExactly(n, n, n);
  }

  @Test
  void refusesRowsWithoutASupportedPointNamingTheId() {
    assertThatThrownBy(() -> importAll("SELECT id, name, category, geom FROM " + TABLE
        + " WHERE id IN ('p1', 'null1') ORDER BY id DESC"))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query, row 2 (id 'null1'): geom is NULL");
    assertThatThrownBy(() -> importAll("SELECT id, geom FROM " + TABLE + " WHERE id = 'line1'"))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query, row 1 (id 'line1'): geom is a LineString; only Point and "
            + "MultiPoint are supported: select ST_PointOnSurface(geom) AS geom for other shapes");
    assertThatThrownBy(() -> importAll("SELECT id, geom FROM " + TABLE + " WHERE id = 'merc1'"))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query, row 1 (id 'merc1'): geom has SRID 3857; only 4326 "
            + "(longitude, latitude) is supported: select ST_Transform(geom, 4326) AS geom");
    assertThatThrownBy(() -> importAll("SELECT NULL::text AS id, geom FROM " + TABLE + " WHERE id = 'p1'"))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query, row 1: id is NULL");
  }

  @Test
  void refusesQueriesWithTheWrongColumnsOrErrors() {
    assertThatThrownBy(() -> importAll("SELECT id, name FROM " + TABLE))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query returns no 'geom' column (it returns id, name); name the "
            + "columns id, name, category and geom with AS");
    assertThatThrownBy(() -> importAll("SELECT id, ST_AsText(geom) AS geom FROM " + TABLE))
        .isInstanceOf(ImportException.class)
        .hasMessage("PostgreSQL query's geom column is of type text; return a PostGIS geometry "
            + "or geography, or ST_AsBinary(geom) AS geom");
    assertThatThrownBy(() -> importAll("SELECT id, geom FROM no_such_table"))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("PostgreSQL: ERROR: relation \"no_such_table\" does not exist");
  }

  private static LocationIndex importAll(String sql) throws ImportException {
    LocationIndexBuilder builder = LocationIndex.builder();
    PostgisImporter.importInto(url, sql, builder, ImportProgress.NONE);
    return builder.build();
  }

  /** Returns a location's points as lat, lon, lat, lon… */
  private static List<Double> points(LocationIndex index, int i) {
    List<Double> points = new ArrayList<>();
    for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
      points.add(index.latDegrees(p));
      points.add(index.lonDegrees(p));
    }
    return points;
  }

  private static Map<String, Integer> byId(LocationIndex index) {
    Map<String, Integer> byId = new HashMap<>();
    for (int i = 0; i < index.size(); i++) {
      byId.put(index.id(i), i);
    }
    return byId;
  }
}

package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.importer.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor import --postgres --sql} then {@code corridor search}, against the real
 * PostgreSQL with PostGIS that CORRIDOR_TEST_POSTGRES_URL names: skipped locally without it,
 * failed when CI=true.
 */
class ImportPostgresCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String TABLE = "corridor_cli_" + Math.abs(ThreadLocalRandom.current().nextInt());

  @TempDir Path dir;

  @BeforeAll
  static void createTable() throws SQLException {
    if (TestPostgres.availableOrSay()) {
      TestPostgres.sql(
          "CREATE TABLE " + TABLE + " (ref text, title text, kind text, geog geography)",
          "INSERT INTO " + TABLE + " VALUES"
              + " ('pg-ouchy', 'Ouchy', 'charging_station', 'SRID=4326;POINT(6.6275 46.5068)'),"
              + " ('pg-vevey', 'Vevey', 'fuel', 'SRID=4326;MULTIPOINT((6.8425 46.46),(6.9 46.3))'),"
              + " ('pg-geneva', 'Geneva', 'fuel', 'SRID=4326;POINT(6.1432 46.2044)')");
    }
  }

  @AfterAll
  static void dropTable() throws SQLException {
    if (TestPostgres.url() != null) {
      TestPostgres.sql("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  @BeforeEach
  void requireDatabase() {
    TestPostgres.require();
  }

  @Test
  void importsAQueryWithALocationFileThenSearchesThem() throws IOException {
    Path index = dir.resolve("pg.corridx");
    assertThat(CorridorCommand.run("import", "--postgres", TestPostgres.url(),
        "--sql", "SELECT ref AS id, title AS name, kind AS category, geog AS geom FROM " + TABLE,
        "--locations", EXAMPLES.resolve("charging-stations.csv").toString(),
        "--out", index.toString())).isZero();

    Path out = dir.resolve("found.jsonl");
    assertThat(CorridorCommand.run("search", "--index", index.toString(), "--route",
        EXAMPLES.resolve("lausanne-montreux.geojson").toString(), "--radius", "500",
        "--categories", "charging_station,fuel", "--format", "jsonl", "--output", out.toString()))
        .isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"id\":\"pg-ouchy\"", "\"name\":\"Ouchy\"",
        "\"category\":\"charging_station\"");
    assertThat(lines.get(1)).contains("\"id\":\"pg-vevey\"", "\"category\":\"fuel\"",
        "\"points\":[[6.8425,46.46],[6.9,46.3]]");
  }

  @Test
  void aFailingQueryIsRefusedAndNothingWritten() {
    Path index = dir.resolve("pg.corridx");
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "import", "--postgres",
        TestPostgres.url(), "--sql", "SELECT ref, geog AS geom FROM " + TABLE,
        "--out", index.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("corridor: PostgreSQL query returns no 'id' column");
    assertThat(index).doesNotExist();
  }

  @Test
  void anIdRepeatedByTheQueryIsRefusedWithItsRows() {
    Path index = dir.resolve("pg.corridx");
    StringWriter err = new StringWriter();
    int status = CorridorCommand.run(new PrintWriter(err, true), "import", "--postgres",
        TestPostgres.url(), "--sql", "SELECT 'same' AS id, geog AS geom FROM " + TABLE,
        "--out", index.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(
        "corridor: PostgreSQL query: records 1 and 2 have the same id \"same\"");
    assertThat(index).doesNotExist();
  }
}

package io.corridor.importer;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL with PostGIS that tests run against, named by CORRIDOR_TEST_POSTGRES_URL
 * (.ci/run starts one): without it tests skip locally and fail when CI=true; shared with other
 * modules' tests through this module's test jar.
 */
public final class TestPostgres {
  /** The environment variable holding the JDBC URL. */
  public static final String URL_VARIABLE = "CORRIDOR_TEST_POSTGRES_URL";

  private static final String URL = System.getenv(URL_VARIABLE);
  private static final String SKIPPED = "PostGIS tests skipped: set " + URL_VARIABLE
      + "=jdbc:postgresql://HOST:PORT/DB?user=USER to a PostgreSQL with PostGIS to run them "
      + "(.ci/run does)";

  private TestPostgres() {}

  /** Returns the JDBC URL, or null when none is set. */
  public static String url() {
    return available() ? URL : null;
  }

  /** Returns whether a database is named, printing how to name one when it is not. */
  public static boolean availableOrSay() {
    if (!available()) {
      System.err.println(SKIPPED);
    }
    return available();
  }

  /** Skips the calling test without a database locally, and fails it in CI, where one must be present. */
  public static void require() {
    if (!available()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(URL_VARIABLE + " is not set, but CI=true: the PostGIS importer must be tested in CI "
            + "(.ci/run starts PostgreSQL with PostGIS and sets it)");
      }
      Assumptions.abort(SKIPPED);
    }
  }

  /** Runs the statements, in order, on the test database. */
  public static void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static boolean available() {
    return URL != null && !URL.isBlank();
  }
}

package io.corridor.importer;

import io.corridor.core.InvalidInputException;
import io.corridor.index.LocationIndex;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Imports the rows of a PostgreSQL/PostGIS query into a location index, so that locations kept in
 * a database can be searched along a route without exporting them first.
 *
 * <p>The query returns the columns {@code id} and {@code geom}, optionally {@code name} and
 * {@code category}, and any other columns. Every column but {@code id} and {@code geom} becomes a
 * property, in the query's order (NULLs left out), so that a search writes them as a file's
 * columns would be written. {@code geom}
 * is a PostGIS geometry or geography Point or MultiPoint in SRID 4326 (longitude, latitude), or
 * its WKB as {@code bytea} ({@code ST_AsBinary(geom) AS geom}, whose SRID 0 is taken as 4326).
 * Rows are fetched with a cursor, {@value #FETCH_SIZE} at a time, so memory is bounded by the index
 * being built, not by the size of the result.
 */
public final class PostgisImporter {
  /** Rows fetched per round trip; also how often progress is reported. */
  public static final int FETCH_SIZE = 10_000;

  private static final int WGS84 = 4326;
  private static final String URL_PREFIX = "jdbc:postgresql:";
  /** Any JDBC URL the driver quotes, such as one it could not parse. */
  private static final Pattern URL = Pattern.compile("jdbc:\\S*");
  /** A user and password before a host, which the driver may take for a host name and quote. */
  private static final Pattern USER_INFO = Pattern.compile("[^\\s/@()]*:[^\\s/@()]*@");
  private static final Pattern PASSWORD =
      Pattern.compile("(?i)(password\\s*[=:]\\s*)\\S+");
  /** The driver's own logger, silenced: its lines would reach standard error with the URL. */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

  private PostgisImporter() {}

  /**
   * Runs the query and adds one location per row to the builder, returning the number of rows
   * added; progress counts rows, with an unknown total until the last report.
   *
   * @throws ImportException if the database cannot be reached, the query fails or returns the
   *     wrong columns, or a row's geometry is missing or unsupported (naming the row's id)
   */
  public static long importInto(String jdbcUrl, String sql, LocationIndex.Builder builder,
      ImportProgress progress) throws ImportException {
    if (!jdbcUrl.startsWith(URL_PREFIX)) {
      throw new ImportException("PostgreSQL: the JDBC URL must start with " + URL_PREFIX
          + " (the URL is not shown: it may hold a password)");
    }
    DRIVER_LOG.setLevel(Level.OFF);
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      // PostgreSQL's driver fetches with a cursor, rather than reading the whole result into
      // memory, only inside a transaction and with a fetch size.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (Statement statement = connection.createStatement(
          ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = statement.executeQuery(sql)) {
          return importRows(rows, builder, progress);
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      // Not chained: the driver's exceptions may quote the URL, password included.
      String why = e.getMessage();
      if (e.getCause() != null && e.getCause().getMessage() != null) {
        why = why + " (" + e.getCause().getMessage() + ")";
      }
      throw new ImportException("PostgreSQL: " + withoutUrl(why, jdbcUrl));
    }
  }

  /**
   * Returns a driver's message without the JDBC URL or anything that looks like a password, so
   * that no message or log line ever shows one.
   */
  static String withoutUrl(String message, String jdbcUrl) {
    if (message == null) {
      return "the database refused the connection or the query";
    }
    String text = message.replace(jdbcUrl, "(the URL)");
    text = URL.matcher(text).replaceAll("(the URL)");
    text = PASSWORD.matcher(text).replaceAll("$1***");
    text = USER_INFO.matcher(text).replaceAll("***@");
    return InvalidInputException.quote(text, 300, false);
  }

  private static long importRows(ResultSet rows, LocationIndex.Builder builder,
      ImportProgress progress) throws SQLException, ImportException {
    Columns columns = Columns.of(rows.getMetaData());
    WKBReader wkb = new WKBReader();
    long count = 0;
    while (rows.next()) {
      count++;
      String id = rows.getString(columns.id);
      if (id == null) {
        throw new ImportException("PostgreSQL query, row " + count + ": id is NULL");
      }
      String where = "PostgreSQL query, row " + count + " (id '" + id + "')";
      double[][] points = points(where, geometry(where, rows, columns, wkb));
      String name = columns.name > 0 ? rows.getString(columns.name) : null;
      String category = columns.category > 0 ? rows.getString(columns.category) : null;
      Map<String, String> properties = new LinkedHashMap<>();
      for (int k = 0; k < columns.properties.size(); k++) {
        String value = rows.getString(columns.properties.get(k));
        if (value != null) {
          properties.put(columns.propertyNames.get(k), value);
        }
      }
      try {
        builder.add(id, points[0], points[1], name, category, properties);
      } catch (IllegalArgumentException e) {
        throw new ImportException(where + ": " + e.getMessage(), e);
      }
      if (count % FETCH_SIZE == 0) {
        progress.update(count, -1, count);
      }
    }
    progress.update(count, count, count);
    return count;
  }

  private static Geometry geometry(String where, ResultSet rows, Columns columns, WKBReader wkb)
      throws SQLException, ImportException {
    byte[] bytes;
    if (columns.geomIsBytea) {
      bytes = rows.getBytes(columns.geom);
    } else {
      // geometry and geography arrive as hexadecimal EWKB text.
      String hex = rows.getString(columns.geom);
      bytes = hex == null ? null : WKBReader.hexToBytes(hex);
    }
    if (bytes == null) {
      throw new ImportException(where + ": geom is NULL");
    }
    try {
      return wkb.read(bytes);
    } catch (ParseException | RuntimeException e) {
      throw new ImportException(where + ": geom is not valid WKB (" + e.getMessage() + ")", e);
    }
  }

  /** Returns the geometry's points as {latitudes, longitudes}, or refuses it naming the row. */
  private static double[][] points(String where, Geometry geometry) throws ImportException {
    int srid = geometry.getSRID();
    if (srid != WGS84 && srid != 0) {
      throw new ImportException(where + ": geom has SRID " + srid + "; only " + WGS84
          + " (longitude, latitude) is supported: select ST_Transform(geom, 4326) AS geom");
    }
    if (!(geometry instanceof Point) && !(geometry instanceof MultiPoint)) {
      throw new ImportException(where + ": geom is a " + geometry.getGeometryType()
          + "; only Point and MultiPoint are supported: select ST_PointOnSurface(geom) AS geom "
          + "for other shapes");
    }
    if (geometry.isEmpty()) {
      throw new ImportException(where + ": geom is an empty " + geometry.getGeometryType());
    }
    int n = geometry.getNumGeometries();
    double[] lats = new double[n];
    double[] lons = new double[n];
    for (int k = 0; k < n; k++) {
      Point p = (Point) geometry.getGeometryN(k);
      if (p.isEmpty()) {
        throw new ImportException(where + ": geom has an empty point " + (k + 1));
      }
      lats[k] = p.getY();
      lons[k] = p.getX();
    }
    return new double[][] {lats, lons};
  }

  /** Where the query's columns are (1-based; 0 when an optional one is absent). */
  private record Columns(int id, int name, int category, int geom, boolean geomIsBytea,
      List<Integer> properties, List<String> propertyNames) {

    static Columns of(ResultSetMetaData meta) throws SQLException, ImportException {
      Map<String, Integer> byName = new HashMap<>();
      List<String> names = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        String label = meta.getColumnLabel(c);
        names.add(label);
        if (byName.put(label.toLowerCase(Locale.ROOT), c) != null) {
          throw new ImportException("PostgreSQL query returns the column '" + label
              + "' twice; name each column once with AS");
        }
      }
      int id = required(byName, "id", names);
      int geom = required(byName, "geom", names);
      String type = meta.getColumnTypeName(geom);
      boolean bytea = "bytea".equals(type);
      if (!bytea && !"geometry".equals(type) && !"geography".equals(type)) {
        throw new ImportException("PostgreSQL query's geom column is of type " + type
            + "; return a PostGIS geometry or geography, or ST_AsBinary(geom) AS geom");
      }
      int name = byName.getOrDefault("name", 0);
      int category = byName.getOrDefault("category", 0);
      List<Integer> properties = new ArrayList<>();
      List<String> propertyNames = new ArrayList<>();
      for (int c = 1; c <= names.size(); c++) {
        if (c != id && c != geom) {
          properties.add(c);
          propertyNames.add(names.get(c - 1));
        }
      }
      return new Columns(id, name, category, geom, bytea, properties, propertyNames);
    }

    private static int required(Map<String, Integer> byName, String column, List<String> names)
        throws ImportException {
      Integer c = byName.get(column);
      if (c == null) {
        throw new ImportException("PostgreSQL query returns no '" + column + "' column (it returns "
            + String.join(", ", names) + "); name the columns id, name, category and geom with AS");
      }
      return c;
    }
  }
}

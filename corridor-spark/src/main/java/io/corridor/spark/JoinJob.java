package io.corridor.spark;

import static org.apache.spark.sql.functions.col;

import io.corridor.core.InvalidInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The join as a job: {@code --routes ROUTES --locations FILE --output FILE [--master URL]}, the
 * Spark side of {@code corridor join} and the example to {@code spark-submit} to a cluster.
 *
 * <p>Routes are a GeoJSON {@code FeatureCollection} (see {@link RoutesFile}), locations a CSV file
 * with a header naming at least {@code id}, {@code lat} and {@code lon} (rows sharing an id are
 * points of one location), readable from every executor. The output is one CSV file on the
 * driver, {@code route_id,id,distance_m,offset_m}, sorted by route, offset, id, written whole or
 * not at all. Without {@code --master} (and without one set by {@code spark-submit}), the job runs
 * in local mode on all cores, bound to 127.0.0.1. Exit status 0, 2 for invalid input or usage
 * (with a message naming the file, feature or location), 1 for anything else.
 */
public final class JoinJob {
  private static final String USAGE =
      "usage: corridor join --routes ROUTES --locations FILE --output FILE [--master URL]";

  private JoinJob() {}

  /** Runs the job and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the job and returns its exit status. */
  public static int run(String... args) {
    String routes = null;
    String locations = null;
    String output = null;
    String master = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--routes" -> routes = value;
        case "--locations" -> locations = value;
        case "--output" -> output = value;
        case "--master" -> master = value;
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return 0;
        }
        default -> {
          System.err.println("corridor: unknown option '" + args[i] + "'\n" + USAGE);
          return 2;
        }
      }
      if (value == null) {
        System.err.println("corridor: " + args[i] + " needs a value\n" + USAGE);
        return 2;
      }
      i++;
    }
    if (routes == null || locations == null || output == null) {
      System.err.println("corridor: --routes, --locations and --output are required\n" + USAGE);
      return 2;
    }
    try {
      join(Path.of(routes), Path.of(locations), Path.of(output), master);
      return 0;
    } catch (RuntimeException | IOException e) {
      InvalidInputException invalid = invalidCause(e);
      if (invalid != null) {
        System.err.println("corridor: " + invalid.getMessage());
        return 2;
      }
      System.err.println("corridor: the join failed: " + e);
      e.printStackTrace();
      return 1;
    }
  }

  /** Joins the files and writes the sorted matches to {@code output}. */
  static void join(Path routesFile, Path locationsFile, Path output, String master) throws IOException {
    List<Row> routeRows = RoutesFile.read(routesFile);
    if (!Files.isReadable(locationsFile)) {
      throw new InvalidInputException(locationsFile + ": no such locations file, or not readable");
    }
    SparkSession.Builder builder = SparkSession.builder().appName("corridor join");
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    if (master == null || master.startsWith("local") || master.startsWith("spark://127.0.0.1")) {
      builder.config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.enabled", "false");
    }
    // A session already running (a notebook, a test) is used and left running.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = builder.getOrCreate();
    try {
      Dataset<Row> routes = spark.createDataFrame(routeRows, RoutesFile.SCHEMA);
      Dataset<Row> raw = spark.read()
          .option("header", "true")
          .option("multiLine", "true")
          .option("mode", "FAILFAST")
          .csv(locationsFile.toAbsolutePath().toString());
      List<String> columns = Arrays.asList(raw.columns());
      if (!columns.containsAll(List.of("id", "lat", "lon"))) {
        throw new InvalidInputException(locationsFile + ": line 1: the header must name id, lat and lon (it has "
            + String.join(", ", columns) + ")");
      }
      Dataset<Row> points = raw.select(col("id"), col("lat").cast("double"), col("lon").cast("double"));
      Iterator<Row> sorted = CorridorJoin.join(routes, points)
          .orderBy("route_id", "offset_m", "id")
          .toLocalIterator();
      write(output, sorted);
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** Writes the matches beside {@code output}, then renames: never a partial file. */
  private static void write(Path output, Iterator<Row> rows) throws IOException {
    Path target = output.toAbsolutePath();
    Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    boolean moved = false;
    try {
      try (BufferedWriter out = new BufferedWriter(
          new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
        out.write("route_id,id,distance_m,offset_m\n");
        while (rows.hasNext()) {
          Row r = rows.next();
          out.write(csv(r.getString(0)) + "," + csv(r.getString(1)) + "," + three(r.getDouble(2)) + ","
              + three(r.getDouble(3)) + "\n");
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Returns a CSV field, quoted (RFC 4180) only if it holds a comma, a quote or a line break. */
  static String csv(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /**
   * Returns metres with exactly three decimals, rounded as the command line's other outputs round
   * them (millimetres, half away from zero), so that both print the same figures.
   */
  static String three(double x) {
    if (Math.abs(x) >= 1e12) {
      return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }
    long millis = Math.round(x * 1000);
    String sign = millis < 0 ? "-" : "";
    millis = Math.abs(millis);
    long frac = millis % 1000;
    return sign + (millis / 1000) + "." + (frac < 100 ? frac < 10 ? "00" : "0" : "") + frac;
  }

  private static InvalidInputException invalidCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException invalid) {
        return invalid;
      }
    }
    return null;
  }
}

package io.corridor.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.corridor.core.location.LocationSink;
import io.corridor.formats.LocationReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corridor join}: every (route, location) pair inside the route's corridor, computed by the
 * Spark join of {@code corridor-spark}. This process reads and checks the location file (CSV or
 * GeoJSON, errors naming the line or feature, as for {@code filter}), hands its points as a plain
 * {@code id,lat,lon} CSV to the Spark job in a JVM of its own, whose classpath carries Spark (this
 * one's never does), and returns that job's exit status. The {@code ./corridor} launcher builds
 * the Spark runtime on first use and names it in {@code CORRIDOR_SPARK_JAVA}.
 */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Join routes (a GeoJSON FeatureCollection with id and radius_m) with locations on Spark.",
    sortOptions = false)
final class JoinCommand implements Callable<Integer> {
  /** The environment variable naming the command that runs Java with the Spark runtime. */
  static final String SPARK_JAVA = "CORRIDOR_SPARK_JAVA";

  @Option(names = "--routes", order = 1, required = true, paramLabel = "ROUTES",
      description = "GeoJSON FeatureCollection of LineString (or Point) features, each with an id and a radius_m property.")
  Path routes;

  @Option(names = "--locations", order = 2, required = true, paramLabel = "FILE",
      description = "Locations: CSV with id,lat,lon columns, or a GeoJSON FeatureCollection of Point/MultiPoint features.")
  Path locations;

  @Option(names = "--output", order = 3, required = true, paramLabel = "FILE",
      description = "CSV output: route_id,id,distance_m,offset_m sorted by route_id, offset_m, id.")
  Path output;

  @Option(names = "--master", order = 4, paramLabel = "URL",
      description = "Spark master (default: local mode on all cores); spark://HOST:PORT for a cluster.")
  String master;

  @Override
  public Integer call() throws Exception {
    String sparkJava = System.getenv(SPARK_JAVA);
    if (sparkJava == null || sparkJava.isBlank()) {
      System.err.println("corridor: join runs on Spark, whose runtime this command does not carry:"
          + " run it through the ./corridor launcher, which builds corridor-spark and sets " + SPARK_JAVA);
      return 1;
    }
    Path points = Files.createTempFile("corridor-join-", ".csv");
    try {
      writePoints(locations, points);
      List<String> command = new ArrayList<>(List.of(sparkJava, "io.corridor.spark.JoinJob",
          "--routes", routes.toAbsolutePath().toString(),
          "--locations", points.toString(),
          "--output", output.toAbsolutePath().toString()));
      if (master != null) {
        command.add("--master");
        command.add(master);
      }
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } finally {
      Files.deleteIfExists(points);
    }
  }

  /** Writes one {@code id,lat,lon} row per point of the locations in {@code file}, checked on the way. */
  private static void writePoints(Path file, Path target) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(out)) {
      csv.writeRecord("id", "lat", "lon");
      List<String> ids = new ArrayList<>();
      LocationReader.read(file, "id", new LocationSink() {
        @Override
        public void columns(List<String> names) {}

        @Override
        public int location(String id, Object properties) {
          ids.add(id);
          return ids.size() - 1;
        }

        @Override
        public void point(int location, double latDegrees, double lonDegrees) {
          csv.writeRecord(ids.get(location), Double.toString(latDegrees), Double.toString(lonDegrees));
        }
      });
    }
  }
}

package io.corridor.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes a request pool for the load test: {@code search} (realistic searches over the synthetic
 * data) or {@code filter} (the seed's four filter scenarios and larger bodies). The same options
 * give the same bytes.
 */
@Command(name = "generate-pool", mixinStandardHelpOptions = true,
    description = "Write a deterministic request pool (manifest.tsv and bodies/) into a new directory.")
public final class GeneratePool implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", description = "search or filter")
  String kind;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty directory for the pool.")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the pool (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--requests", paramLabel = "N",
      description = "Requests in the pool (default: 2000 for search, 10000 for filter).")
  Integer requests;

  @Option(names = "--data-seed", defaultValue = "1",
      description = "search: seed of the synthetic data, as given to corridor generate (default: ${DEFAULT-VALUE}).")
  long dataSeed;

  @Option(names = "--min-km", defaultValue = "5",
      description = "search: shortest route in km (default: ${DEFAULT-VALUE}).")
  double minKm;

  @Option(names = "--max-km", defaultValue = "1000",
      description = "search: longest route in km (default: ${DEFAULT-VALUE}).")
  double maxKm;

  @Option(names = "--mix", defaultValue = "1,1,1,1", split = ",", paramLabel = "W",
      description = "filter: weights of small, medium, long narrow and long corridor (default: ${DEFAULT-VALUE}).")
  double[] mix;

  @Option(names = "--large-share", defaultValue = "0.02",
      description = "filter: share of bodies of 10 000 to 100 000 locations (default: ${DEFAULT-VALUE}).")
  double largeShare;

  @Option(names = "--large-bodies", defaultValue = "8",
      description = "filter: distinct large bodies (default: ${DEFAULT-VALUE}).")
  int largeBodies;

  @Option(names = "--large-locations", defaultValue = "10000,100000", split = ",", paramLabel = "N",
      description = "filter: least and most locations of a large body, log-uniform between (default: ${DEFAULT-VALUE}).")
  int[] largeLocations;

  /** Runs the command; exit status 2 for invalid options. */
  public static void main(String[] args) {
    Commands.exit(new GeneratePool(), args);
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    int written;
    switch (kind) {
      case "search" -> written = SearchPool.over(dataSeed, minKm, maxKm).write(out, seed, count(2_000));
      case "filter" -> {
        if (largeLocations.length != 2 || largeLocations[0] < 1 || largeLocations[1] < largeLocations[0]) {
          throw new CommandLine.ParameterException(new CommandLine(this),
              "--large-locations takes MIN,MAX with 1 <= MIN <= MAX");
        }
        written = FilterPool.write(out, seed, count(10_000), mix, largeShare, largeBodies,
            largeLocations[0], largeLocations[1]);
      }
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "KIND must be search or filter, not '" + kind + "'");
    }
    System.err.printf(Locale.ROOT, "generate-pool: %d %s requests in %s (%.1f s)%n", written, kind, out,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private int count(int defaultCount) {
    int n = requests == null ? defaultCount : requests;
    if (n < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--requests must be at least 1");
    }
    return n;
  }
}

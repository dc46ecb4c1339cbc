package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code corridor generate}: writes a synthetic location CSV for demos and benchmarks, the same
 * bytes for the same options on every machine. The output file, if any, appears only once complete.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {"Write a synthetic location CSV, the same bytes for the same --seed.",
        "Columns id,lat,lon,name,category; places around towns, along roads and in the open country."},
    sortOptions = false)
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--count", required = true, paramLabel = "N",
      description = "Number of locations, 0 to " + SyntheticLocations.MAX_COUNT + ".")
  long count;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed: the same seed and options give the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--region", defaultValue = "43,-5,55,20", paramLabel = "minLat,minLon,maxLat,maxLon",
      description = "Box in degrees that holds every location (default: ${DEFAULT-VALUE}, western Europe).")
  String region;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write here (atomically) instead of standard output.")
  Path output;

  @ParentCommand CorridorCommand parent;

  @Override
  public Integer call() throws Exception {
    if (count < 0 || count > SyntheticLocations.MAX_COUNT) {
      throw new InvalidInputException(
          "--count: " + count + " is outside [0, " + SyntheticLocations.MAX_COUNT + "]");
    }
    Region box;
    try {
      box = Region.parse(region);
    } catch (InvalidInputException e) {
      throw e.at("--region");
    }
    if (output != null) {
      OutputTarget.check("--output", output);
    }
    SyntheticLocations generator = SyntheticLocations.create(seed, box);
    if (output == null) {
      OutputTarget.writeStdout(parent.out(), out -> generator.writeCsv(count, out));
    } else {
      OutputTarget.write("--output", output, out -> generator.writeCsv(count, out));
    }
    return 0;
  }
}

package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.location.LocationSource;
import io.corridor.formats.MatchWriter;
import io.corridor.formats.OutputFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where and how {@code filter} and {@code search} write their matches: a format, and a file
 * written atomically or standard output.
 */
final class OutputOptions {
  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|geojson|jsonl", order = 10,
      converter = FormatConverter.class,
      description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--output", paramLabel = "FILE", order = 11,
      description = "Write here (atomically) instead of standard output.")
  Path output;

  /**
   * Checks, before any work, that the output file can be written and is none of {@code inputs}.
   *
   * @throws InvalidInputException naming --output and what is wrong
   */
  void check(Path... inputs) {
    if (output != null) {
      OutputTarget.check("--output", output, inputs);
    }
  }

  /** Writes the matches, in their order, to the output file (once complete) or to {@code out}. */
  void write(PrintStream out, LocationSource locations, List<Match> matches) throws IOException {
    if (output == null) {
      OutputTarget.writeStdout(out, stream -> MatchWriter.write(format, locations, matches, stream));
    } else {
      OutputTarget.write("--output", output,
          stream -> MatchWriter.write(format, locations, matches, stream));
    }
  }

  /** Used by picocli for --format: accepts csv, geojson and jsonl in any case. */
  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

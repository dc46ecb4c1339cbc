package io.corridor.cli;

import io.corridor.core.filter.Match;
import io.corridor.core.location.LocationSource;
import io.corridor.formats.MatchWriter;
import io.corridor.formats.OutputFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

  /** Writes the matches, in their order, to the output file (once complete) or standard output. */
  void write(LocationSource locations, List<Match> matches) throws IOException {
    if (output == null) {
      OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
      MatchWriter.write(format, locations, matches, out);
      out.flush();
    } else {
      MatchWriter.writeFile(format, locations, matches, output);
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

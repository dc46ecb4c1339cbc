package io.corridor.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats in which matches are written, with the names the command line knows them by. */
public enum OutputFormat {
  /** A header {@code id,distance_m,offset_m} and one line per match. */
  CSV("csv"),
  /** A FeatureCollection of the matching locations, distances in their properties. */
  GEOJSON("geojson"),
  /** One JSON object per line and per match, for streaming consumers. */
  JSONL("jsonl");

  private final String cliName;

  OutputFormat(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the name used by {@code --format}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Returns the format called {@code name} on the command line (ignoring case).
   *
   * @throws IllegalArgumentException naming the known formats if there is none by that name
   */
  public static OutputFormat fromCliName(String name) {
    for (OutputFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format \"" + name + "\": expected one of "
        + Arrays.stream(values()).map(OutputFormat::cliName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return cliName;
  }
}

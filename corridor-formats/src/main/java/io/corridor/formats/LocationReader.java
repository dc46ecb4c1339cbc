package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.LocationSet;
import io.corridor.core.location.LocationSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads locations from a CSV or GeoJSON file, telling the format from the content, so that the
 * command line and the importer share one reading of the contract's location files: whole into a
 * {@link LocationSet}, or streamed row by row (feature by feature) into a {@link LocationSink}.
 *
 * <p>Every refusal is an {@link InvalidInputException} whose message starts with the file name, then
 * the line (CSV, counting the header as line 1) or the feature (GeoJSON, counting from 1, with its
 * JSON line), then what is wrong. Nothing partial is returned; a sink has been handed the rows
 * before the fault and must be dropped.
 */
public final class LocationReader {
  private static final int SNIFF_BYTES = 4096;

  private LocationReader() {}

  /**
   * Returns the locations in {@code file}: GeoJSON if its first significant character is {@code {}
   * or {@code [}, CSV otherwise.
   *
   * @throws InvalidInputException if the file is missing, unreadable, or breaks the contract
   */
  public static LocationSet read(Path file) {
    return read(file, "id");
  }

  /**
   * Returns the locations in {@code file} as {@link #read(Path)} does, but with ids from the CSV
   * column or GeoJSON property {@code idField}, for data whose key is not called {@code id}.
   *
   * @throws InvalidInputException if the file is missing, unreadable, or breaks the contract
   */
  public static LocationSet read(Path file, String idField) {
    return collect(sink -> read(file, idField, sink));
  }

  /**
   * Hands the locations in {@code file} to {@code sink} as they are read, one CSV row or GeoJSON
   * feature at a time, with ids from {@code idField}: memory is the sink's and a few buffers, never
   * the file's. Rows that share an id reach the sink as separate calls for it to group.
   *
   * @throws InvalidInputException if the file is missing, unreadable, or breaks the contract, or
   *     the sink refuses a row (named by its line or feature)
   */
  public static void read(Path file, String idField, LocationSink sink) {
    if (looksLikeJson(file)) {
      readGeoJson(file, idField, sink);
    } else {
      CsvLocations.read(file, idField, sink);
    }
  }

  /**
   * Returns the locations of a CSV file with a header naming at least {@code id}, {@code lat} and
   * {@code lon}; rows sharing an id are points of one location, other columns are its properties.
   */
  public static LocationSet readCsv(Path file) {
    return collect(sink -> CsvLocations.read(file, "id", sink));
  }

  /**
   * Returns the locations of a GeoJSON FeatureCollection of Point and MultiPoint features, read as
   * a stream so that a large file never sits in memory as a tree.
   */
  public static LocationSet readGeoJson(Path file) {
    return collect(sink -> readGeoJson(file, "id", sink));
  }

  /** Returns the locations of CSV text, naming {@code sourceName} in error messages. */
  public static LocationSet parseCsv(String content, String sourceName) {
    return collect(sink -> CsvLocations.parse(content, sourceName, sink));
  }

  /** Returns the locations of a GeoJSON stream, naming {@code sourceName} in error messages. */
  public static LocationSet parseGeoJson(InputStream in, String sourceName) {
    return collect(sink -> {
      try {
        GeoJsonLocations.read(in, sourceName, "id", sink);
      } catch (IOException e) {
        throw new InvalidInputException(sourceName + ": cannot be read: " + e.getMessage(), e);
      }
    });
  }

  /** Returns the set that {@code reading} fills, grouping rows by id in order of first appearance. */
  private static LocationSet collect(Consumer<LocationSink> reading) {
    LocationSet.Builder set = LocationSet.builder();
    reading.accept(set);
    return set.build();
  }

  private static void readGeoJson(Path file, String idField, LocationSink sink) {
    SourceFiles.checkReadable(file);
    try (InputStream in = Files.newInputStream(file)) {
      GeoJsonLocations.read(in, SourceFiles.name(file), idField, sink);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    }
  }

  private static boolean looksLikeJson(Path file) {
    SourceFiles.checkReadable(file);
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    }
    int i = 0;
    if (head.length >= 3
        && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
      i++;
    }
    return i < head.length && (head[i] == '{' || head[i] == '[');
  }
}

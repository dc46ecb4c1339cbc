package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.LocationSet;
import io.corridor.core.location.LocationSink;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
   * Returns the locations in {@code file} ({@code -} for standard input, read once): GeoJSON if its
   * first significant character is {@code {} or {@code [}, CSV otherwise.
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
    String name = SourceFiles.name(file);
    try (BufferedInputStream in = new BufferedInputStream(SourceFiles.open(file), 1 << 16)) {
      // One open, sniffed through the buffer: standard input and pipes cannot be read twice.
      in.mark(SNIFF_BYTES);
      byte[] head = in.readNBytes(SNIFF_BYTES);
      in.reset();
      int start = SourceFiles.contentStart(head, head.length);
      if (start < head.length && (head[start] == '{' || head[start] == '[')) {
        GeoJsonLocations.read(in, name, idField, sink);
      } else {
        CsvLocations.read(in, name, idField, sink);
      }
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    }
  }

  /**
   * Returns the locations of a CSV file with a header naming at least {@code id}, {@code lat} and
   * {@code lon}; rows sharing an id are points of one location, other columns are its properties.
   */
  public static LocationSet readCsv(Path file) {
    return collect(sink -> {
      try (InputStream in = SourceFiles.open(file)) {
        CsvLocations.read(in, SourceFiles.name(file), "id", sink);
      } catch (IOException e) {
        throw SourceFiles.unreadable(file, e);
      }
    });
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
    try (InputStream in = SourceFiles.open(file)) {
      GeoJsonLocations.read(in, SourceFiles.name(file), idField, sink);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    }
  }
}

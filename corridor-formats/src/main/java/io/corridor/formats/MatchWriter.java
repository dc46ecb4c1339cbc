package io.corridor.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.location.JsonText;
import io.corridor.core.location.LocationSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes matches in the order given, as CSV, GeoJSON or JSON Lines, so that the command line and the
 * server print one and the same output; distances are written in metres with exactly three decimals.
 *
 * <ul>
 *   <li>CSV: {@code id,distance_m,offset_m}, LF line ends, fields quoted as RFC 4180 requires.
 *   <li>GeoJSON: one line holding a FeatureCollection; each feature has the location's id, its
 *       point(s) as a Point or MultiPoint, and its properties plus {@code distance_m} and
 *       {@code offset_m}; a location with properties of those names is refused, since one of
 *       the two values would be lost.
 *   <li>JSON Lines: per match, {@code {"id", "distance_m", "offset_m", "points": [[lon, lat], ...],
 *       "properties": {...}}}.
 * </ul>
 *
 * <p>Ids are always written as strings, whatever their type in the input.
 */
public final class MatchWriter {
  /** The properties that GeoJSON output writes itself, beside the location's own. */
  private static final List<String> OWN_PROPERTIES = List.of("distance_m", "offset_m");

  private MatchWriter() {}

  /** Writes {@code matches} of {@code locations} in {@code format} to {@code out}, which stays open. */
  public static void write(
      OutputFormat format, LocationSource locations, List<Match> matches, OutputStream out)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    write(format, locations, matches, writer);
    writer.flush();
  }

  /** Writes {@code matches} of {@code locations} in {@code format} to {@code out}, which stays open. */
  public static void write(OutputFormat format, LocationSource locations, List<Match> matches, Writer out)
      throws IOException {
    switch (format) {
      case CSV -> writeCsv(matches, locations, out);
      case GEOJSON -> writeGeoJson(matches, locations, out);
      case JSONL -> writeJsonLines(matches, locations, out);
    }
  }

  /** Writes {@code matches} to the file {@code target} atomically: it never holds a partial output. */
  public static void writeFile(
      OutputFormat format, LocationSource locations, List<Match> matches, Path target)
      throws IOException {
    AtomicFiles.write(target, out -> write(format, locations, matches, out));
  }

  private static void writeCsv(List<Match> matches, LocationSource locations, Writer out)
      throws IOException {
    // Not closed: closing would close the caller's writer; flushing empties FastCSV's buffer.
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    csv.writeRecord("id", "distance_m", "offset_m");
    for (Match m : matches) {
      csv.writeRecord(
          locations.id(m.location()),
          Decimals.three(m.distanceMeters()),
          Decimals.three(m.offsetMeters()));
    }
    csv.flush();
  }

  private static void writeGeoJson(List<Match> matches, LocationSource locations, Writer out)
      throws IOException {
    checkNoClash(matches, locations);
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      for (Match m : matches) {
        int i = m.location();
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", locations.id(i));
        g.writeObjectFieldStart("geometry");
        boolean single = locations.pointEnd(i) - locations.pointStart(i) == 1;
        g.writeStringField("type", single ? "Point" : "MultiPoint");
        g.writeFieldName("coordinates");
        if (single) {
          writePosition(g, locations, locations.pointStart(i));
        } else {
          writePositions(g, locations, i);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, ?> e : locations.properties(i).entrySet()) {
          g.writeFieldName(e.getKey());
          writeValue(g, e.getValue());
        }
        writeDistances(g, m);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /**
   * Refuses, before anything is written, a location whose properties hold {@code distance_m} or
   * {@code offset_m}: in a GeoJSON feature they share one object with the figures this writer
   * adds, and one of the two would be lost.
   */
  private static void checkNoClash(List<Match> matches, LocationSource locations) {
    for (Match m : matches) {
      Map<String, ?> properties = locations.properties(m.location());
      for (String own : OWN_PROPERTIES) {
        if (properties.containsKey(own)) {
          throw new InvalidInputException("location "
              + InvalidInputException.quote(locations.id(m.location())) + " has a property \""
              + own + "\", which GeoJSON output writes itself: rename it in the input, or write"
              + " CSV or JSON Lines, which keep it apart");
        }
      }
    }
  }

  private static void writeJsonLines(List<Match> matches, LocationSource locations, Writer out)
      throws IOException {
    try (JsonGenerator g = generator(out)) {
      g.setRootValueSeparator(null);
      for (Match m : matches) {
        int i = m.location();
        g.writeStartObject();
        g.writeStringField("id", locations.id(i));
        writeDistances(g, m);
        g.writeFieldName("points");
        writePositions(g, locations, i);
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, ?> e : locations.properties(i).entrySet()) {
          g.writeFieldName(e.getKey());
          writeValue(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  /** Writes a property value: a {@link JsonText} verbatim, anything else as Jackson writes it. */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value instanceof JsonText text) {
      g.writeRawValue(text.json());
    } else {
      g.writeObject(value);
    }
  }

  private static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  private static void writeDistances(JsonGenerator g, Match m) throws IOException {
    g.writeFieldName("distance_m");
    g.writeNumber(Decimals.three(m.distanceMeters()));
    g.writeFieldName("offset_m");
    g.writeNumber(Decimals.three(m.offsetMeters()));
  }

  private static void writePositions(JsonGenerator g, LocationSource locations, int i)
      throws IOException {
    g.writeStartArray();
    for (int p = locations.pointStart(i); p < locations.pointEnd(i); p++) {
      writePosition(g, locations, p);
    }
    g.writeEndArray();
  }

  private static void writePosition(JsonGenerator g, LocationSource locations, int p)
      throws IOException {
    g.writeStartArray();
    g.writeNumber(locations.lonDegrees(p));
    g.writeNumber(locations.latDegrees(p));
    g.writeEndArray();
  }
}

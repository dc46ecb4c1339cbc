package io.corridor.formats;

import com.fasterxml.jackson.core.io.NumberInput;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads locations from CSV: FastCSV splits the records (RFC 4180 quoting, line numbers) and hands
 * each field over as characters in its buffer, so that {@code lat} and {@code lon} are parsed in
 * place by Jackson's fast double parser and only the id and the property values become strings.
 *
 * <p>Column names are matched exactly ({@code id}, {@code lat}, {@code lon}) after trimming spaces;
 * if a name has no exact match, a single column equal to it ignoring case ({@code Lat}, {@code ID})
 * is accepted instead, since spreadsheets often capitalise headers. Blank lines are skipped.
 */
final class CsvLocations {
  private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d+)");

  private CsvLocations() {}

  /**
   * Hands the rows of a CSV file whose ids are in column {@code idColumn} to {@code sink} as they
   * are read, stopping at the first broken rule.
   */
  static void read(Path file, String idColumn, LocationSink sink) {
    SourceFiles.checkReadable(file);
    Rows rows = new Rows(SourceFiles.name(file), idColumn, sink);
    try (CsvReader<Object> csv = builder().build(rows, file)) {
      rows.readAll(csv);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    } catch (UncheckedIOException e) {
      throw SourceFiles.unreadable(file, e.getCause());
    }
  }

  /** Hands the rows of CSV text to {@code sink}, naming {@code sourceName} in messages. */
  static void parse(String content, String sourceName, LocationSink sink) {
    Rows rows = new Rows(sourceName, "id", sink);
    try (CsvReader<Object> csv = builder().build(rows, content)) {
      rows.readAll(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvReader.CsvReaderBuilder builder() {
    // Ragged rows are checked here, so that the message can say which line and how wide.
    return CsvReader.builder()
        .detectBomHeader(true)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true);
  }

  /** Receives the fields of each record and hands the checked row to the sink. */
  private static final class Rows extends AbstractBaseCsvCallbackHandler<Object> {
    private static final int ID = -1;
    private static final int LAT = -2;
    private static final int LON = -3;
    private static final Object ROW = new Object();

    private final String source;
    private final String idColumn;
    private final LocationSink sink;
    private List<String> headerNames = new ArrayList<>();
    /** Per column: ID, LAT, LON, or the index of the property it holds; null until the header is read. */
    private int[] roles;
    private int width;
    private int propertyCount;

    private String id;
    private double lat;
    private double lon;
    private String latBad;
    private String lonBad;
    private String[] properties;
    private boolean quotedNewline;

    Rows(String source, String idColumn, LocationSink sink) {
      this.source = source;
      this.idColumn = idColumn;
      this.sink = sink;
    }

    void readAll(CsvReader<Object> csv) {
      try {
        for (Object ignored : csv) {
          // Each record is consumed by buildRecord().
        }
      } catch (CsvParseException e) {
        if (e.getCause() instanceof InvalidInputException refused) {
          throw refused;
        }
        throw malformed(e);
      }
      if (roles == null) {
        throw fail(1, "the file is empty: expected a header row naming id, lat and lon columns");
      }
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      id = null;
      latBad = null;
      lonBad = null;
      quotedNewline = false;
      properties = propertyCount == 0 ? null : new String[propertyCount];
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (roles == null) {
        headerNames.add(new String(buf, offset, len));
        return;
      }
      if (quoted && !quotedNewline) {
        for (int i = offset; i < offset + len; i++) {
          quotedNewline |= buf[i] == '\n' || buf[i] == '\r';
        }
      }
      if (index >= width) {
        return;
      }
      int role = roles[index];
      if (role == ID) {
        id = new String(buf, offset, len);
      } else if (role == LAT) {
        lat = parse(buf, offset, len);
        if (Double.isNaN(lat)) {
          latBad = new String(buf, offset, len);
        }
      } else if (role == LON) {
        lon = parse(buf, offset, len);
        if (Double.isNaN(lon)) {
          lonBad = new String(buf, offset, len);
        }
      } else {
        properties[role] = new String(buf, offset, len);
      }
    }

    @Override
    protected Object buildRecord() {
      if (getRecordType() != RecordType.DATA) {
        return null;
      }
      long line = getStartingLineNumber();
      if (roles == null) {
        readHeader(line);
        return ROW;
      }
      int fields = getFieldCount();
      if (fields != width) {
        throw fail(line, "the row has " + fields + (fields == 1 ? " field" : " fields")
            + " but the header has " + width
            + (quotedNewline ? " (a quoted field runs over several lines: is a quote left open?)" : ""));
      }
      if (id.isBlank()) {
        throw fail(line, "id is empty");
      }
      checkNumber(line, "lat", latBad);
      checkNumber(line, "lon", lonBad);
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        Sphere.checkLatLon(source + ": line " + line, lat, lon);
      }
      try {
        sink.point(sink.location(id, properties), lat, lon);
      } catch (InvalidInputException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        // The sink's own limits (such as an index's 65 535 categories), reported at the row.
        throw new InvalidInputException(source + ": line " + line + ": " + e.getMessage(), e);
      }
      return ROW;
    }

    private void readHeader(long line) {
      width = headerNames.size();
      String[] names = new String[width];
      for (int c = 0; c < width; c++) {
        String name = headerNames.get(c).strip();
        names[c] = c == 0 && name.startsWith("\uFEFF") ? name.substring(1).strip() : name;
      }
      int[] roles = new int[width];
      int idAt = column(names, idColumn, line);
      int latColumn = column(names, "lat", line);
      int lonColumn = column(names, "lon", line);
      List<String> propertyNames = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        if (c == idAt) {
          roles[c] = ID;
        } else if (c == latColumn) {
          roles[c] = LAT;
        } else if (c == lonColumn) {
          roles[c] = LON;
        } else {
          roles[c] = propertyNames.size();
          propertyNames.add(names[c]);
        }
      }
      propertyCount = propertyNames.size();
      headerNames = null;
      sink.columns(propertyNames);
      this.roles = roles;
    }

    private int column(String[] names, String wanted, long line) {
      int exact = -1;
      int folded = -1;
      int foldedCount = 0;
      for (int c = 0; c < names.length; c++) {
        if (names[c].equals(wanted)) {
          if (exact >= 0) {
            throw fail(line, "the header names column \"" + wanted + "\" twice");
          }
          exact = c;
        } else if (names[c].equalsIgnoreCase(wanted)) {
          folded = c;
          foldedCount++;
        }
      }
      if (exact >= 0) {
        return exact;
      }
      if (foldedCount == 1) {
        return folded;
      }
      if (foldedCount > 1) {
        throw fail(line, "the header has several columns named \"" + wanted
            + "\" in different cases, and none exactly \"" + wanted + "\"");
      }
      throw fail(line, "the header has no \"" + wanted + "\" column (it has: "
          + String.join(", ", names) + "); " + idColumn + ", lat and lon are required");
    }

    /** Returns the number in {@code buf}, or NaN (refused later) if it is not one. */
    private static double parse(char[] buf, int offset, int len) {
      while (len > 0 && buf[offset + len - 1] <= ' ') {
        len--;
      }
      char last = len == 0 ? ' ' : buf[offset + len - 1];
      // Java's number syntax takes suffixes ("1d", "2f") that no CSV means as numbers.
      if (len == 0 || last == 'd' || last == 'D' || last == 'f' || last == 'F') {
        return Double.NaN;
      }
      try {
        return NumberInput.parseDouble(buf, offset, len, true);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    private void checkNumber(long line, String column, String bad) {
      if (bad != null && !bad.strip().equals("NaN")) {
        throw fail(line, bad.isBlank()
            ? column + " is empty"
            : column + " \"" + bad + "\" is not a number");
      }
    }

    private InvalidInputException malformed(CsvParseException e) {
      Matcher m = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String why = "malformed CSV: " + cause.getMessage();
      if (m.find()) {
        return new InvalidInputException(source + ": line " + m.group(1) + ": " + why, e);
      }
      return new InvalidInputException(source + ": " + why, e);
    }

    private InvalidInputException fail(long line, String what) {
      return new InvalidInputException(source + ": line " + line + ": " + what);
    }
  }
}

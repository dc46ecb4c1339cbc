package io.corridor.formats;

import com.fasterxml.jackson.core.io.NumberInput;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
   * Hands the rows of CSV from {@code in} (UTF-8, read once) whose ids are in column
   * {@code idColumn} to {@code sink} as they are read, stopping at the first broken rule.
   */
  static void read(InputStream in, String source, String idColumn, LocationSink sink)
      throws IOException {
    Tail tail = new Tail(in);
    Rows rows = new Rows(source, idColumn, sink);
    try (CsvReader<Object> csv = builder().build(rows, tail, StandardCharsets.UTF_8)) {
      rows.readAll(csv, tail::quotesClose);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Hands the rows of CSV text to {@code sink}, naming {@code sourceName} in messages. */
  static void parse(String content, String sourceName, LocationSink sink) {
    Rows rows = new Rows(sourceName, "id", sink);
    try (CsvReader<Object> csv = builder().build(rows, content)) {
      rows.readAll(csv, (trailing, all) -> closes(content, content.length(), trailing, all));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns true if text ending at {@code end} closes a quoted field whose unescaped content ends
   * with {@code trailing} quotes ({@code all} if the content is nothing but quotes, or empty).
   *
   * <p>Inside quotes a quote is written twice, so the raw text ends with {@code 2·trailing}
   * quotes, plus the opening one if the content is all quotes, plus the closing one if there is
   * one: the field is closed iff the quotes that end the text (before any line breaks) are that
   * count with the closing one, that is an odd number once the opening one is taken away.
   */
  private static boolean closes(CharSequence text, int end, int trailing, boolean all) {
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    int run = 0;
    while (end > 0 && text.charAt(end - 1) == '"') {
      end--;
      run++;
    }
    return ((run - (all ? 1 : 0)) & 1) == 1;
  }

  /** Tells, once the parser is done, whether the last field's opening quote was closed. */
  @FunctionalInterface
  private interface QuoteCheck {
    boolean closes(int trailingQuotes, boolean allQuotes);
  }

  /** The input stream, remembering its last bytes so that an unclosed quote can be told at the end. */
  private static final class Tail extends FilterInputStream {
    private static final int SIZE = 4096;
    private final byte[] last = new byte[SIZE];
    private int length;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        remember(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        remember(b, off, n);
      }
      return n;
    }

    private void remember(byte[] b, int off, int n) {
      if (n >= SIZE) {
        System.arraycopy(b, off + n - SIZE, last, 0, SIZE);
        length = SIZE;
      } else {
        int keep = Math.min(length, SIZE - n);
        System.arraycopy(last, length - keep, last, 0, keep);
        System.arraycopy(b, off, last, keep, n);
        length = keep + n;
      }
    }

    boolean quotesClose(int trailing, boolean all) {
      CharSequence text = new String(last, 0, length, StandardCharsets.ISO_8859_1);
      int quotesAndBreaks = 0;
      while (quotesAndBreaks < length && "\"\r\n".indexOf(text.charAt(length - 1 - quotesAndBreaks)) >= 0) {
        quotesAndBreaks++;
      }
      // A run of quotes longer than what is remembered cannot be told; such a file is let through.
      return quotesAndBreaks == SIZE || closes(text, length, trailing, all);
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
    /** Whether the current record's latest field was quoted, and how its content ends. */
    private boolean fieldQuoted;
    private int trailingQuotes;
    private boolean allQuotes;
    /** The same, for the last data record built. */
    private boolean lastRecordQuoted;
    private int lastTrailingQuotes;
    private boolean lastAllQuotes;
    private long lastRecordLine;

    Rows(String source, String idColumn, LocationSink sink) {
      this.source = source;
      this.idColumn = idColumn;
      this.sink = sink;
    }

    void readAll(CsvReader<Object> csv, QuoteCheck quotes) {
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
      // An unclosed quote makes the rest of the file one field of the last record: refused.
      if (lastRecordQuoted && !quotes.closes(lastTrailingQuotes, lastAllQuotes)) {
        throw fail(lastRecordLine, "a quoted field is not closed: its opening quote runs to the"
            + " end of the file");
      }
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      id = null;
      latBad = null;
      lonBad = null;
      quotedNewline = false;
      fieldQuoted = false;
      properties = propertyCount == 0 ? null : new String[propertyCount];
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      fieldQuoted = quoted;
      if (quoted) {
        int end = offset + len;
        while (end > offset && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) {
          end--;
        }
        int run = 0;
        while (end - run > offset && buf[end - run - 1] == '"') {
          run++;
        }
        trailingQuotes = run;
        allQuotes = end - run == offset;
      }
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
      lastRecordQuoted = fieldQuoted;
      lastTrailingQuotes = trailingQuotes;
      lastAllQuotes = allQuotes;
      lastRecordLine = line;
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
      if (id == null || id.isBlank()) {
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
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < width; c++) {
        String name = headerNames.get(c).strip();
        names[c] = c == 0 && name.startsWith("\uFEFF") ? name.substring(1).strip() : name;
        if (names[c].indexOf('\n') >= 0 || names[c].indexOf('\r') >= 0) {
          throw fail(line, "column " + (c + 1) + "'s name runs over several lines: is a quote"
              + " left open?");
        }
        Integer before = seen.putIfAbsent(names[c], c + 1);
        if (before != null) {
          throw fail(line, "the header names column " + InvalidInputException.quote(names[c])
              + " twice (columns " + before + " and " + (c + 1) + "): name each column once");
        }
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
        throw fail(line, "the header has several columns named "
            + InvalidInputException.quote(wanted) + " in different cases, and none exactly "
            + InvalidInputException.quote(wanted));
      }
      throw fail(line, "the header has no " + InvalidInputException.quote(wanted)
          + " column (it has: " + InvalidInputException.quote(String.join(", ", names), 120, false)
          + "); " + InvalidInputException.quote(idColumn, 80, false) + ", lat and lon are required");
    }

    /** Returns the number in {@code buf}, or NaN (refused later) if it is not one. */
    private static double parse(char[] buf, int offset, int len) {
      while (len > 0 && buf[offset + len - 1] <= ' ') {
        len--;
      }
      while (len > 0 && buf[offset] <= ' ') {
        offset++;
        len--;
      }
      if (len == 0) {
        return Double.NaN;
      }
      // Only decimal notation: Java's number syntax also takes "1d", "0x1p5", "NaN", "Infinity".
      for (int i = offset; i < offset + len; i++) {
        char c = buf[i];
        if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
          return Double.NaN;
        }
      }
      try {
        return NumberInput.parseDouble(buf, offset, len, true);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    private void checkNumber(long line, String column, String bad) {
      if (bad != null) {
        throw fail(line, bad.isBlank()
            ? column + " is empty"
            : column + " " + InvalidInputException.quote(bad) + " is not a decimal number");
      }
    }

    private InvalidInputException malformed(CsvParseException e) {
      Matcher m = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String why = "malformed CSV: " + InvalidInputException.quote(String.valueOf(cause.getMessage()), 200, false);
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

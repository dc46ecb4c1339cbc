package io.corridor.load;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a Gatling {@code simulation.log}: the run's header, when each virtual user arrived
 * (in order), and every response with its start and end, all in milliseconds from the run's start.
 * Immutable but for the arrival array, which callers must not change.
 *
 * <p>Since 3.12 Gatling writes this log in a binary form of its own, undocumented but stable
 * within a release line; this reader follows Gatling 3.15's {@code LogFileDataWriter} and refuses
 * a log written by another line rather than misreading it. Records are a header byte (0 run,
 * 1 request, 2 user, 3 group, 4 error) and big-endian fields; a string is its length, its bytes as
 * the JVM held them, and the coder (0 Latin-1, 1 UTF-16 in the writer's native order); a cached
 * string is an index, positive and followed by the string at first use, negated on later uses.
 */
public record SimulationLog(Run run, int[] arrivalMillis, List<Response> responses, List<String> errors) {
  /** The Gatling release line whose log format this reader follows. */
  static final String FORMAT_LINE = "3.15.";

  private static final int RUN = 0;
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  /** The run's header: Gatling's version, the simulation, its start (epoch ms) and description. */
  public record Run(String gatlingVersion, String simulationClass, long startEpochMillis, String description) {}

  /** One response: its request's name, start and end in ms from the run's start, and its outcome. */
  public record Response(String name, int startMillis, int endMillis, boolean ok, String message) {
    /** Returns the response time in milliseconds, as Gatling measures it. */
    public int millis() {
      return endMillis - startMillis;
    }
  }

  /** Reads a log; the message of a failure names the file and what is wrong. */
  public static SimulationLog read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new Reader(new DataInputStream(in)).read();
    } catch (EOFException e) {
      throw new IOException(file + ": ends inside a record; was the run cut short?", e);
    } catch (IOException | IllegalStateException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private final Map<Integer, String> cache = new HashMap<>();
    private final Charset utf16 =
        ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;

    Reader(DataInputStream in) {
      this.in = in;
    }

    SimulationLog read() throws IOException {
      if (in.read() != RUN) {
        throw new IllegalStateException("not a Gatling simulation.log: it does not start with a run record");
      }
      String version = string();
      if (!version.startsWith(FORMAT_LINE)) {
        throw new IllegalStateException("written by Gatling " + version + "; this reader follows the "
            + FORMAT_LINE + "x log format");
      }
      Run run = new Run(version, string(), in.readLong(), string());
      int scenarios = in.readInt();
      for (int i = 0; i < scenarios; i++) {
        string();
      }
      int assertions = in.readInt();
      for (int i = 0; i < assertions; i++) {
        in.skipNBytes(in.readInt());
      }
      List<Response> responses = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      IntList arrivals = new IntList();
      for (int header = in.read(); header >= 0; header = in.read()) {
        switch (header) {
          case REQUEST -> {
            groups();
            String name = cachedString();
            int start = in.readInt();
            int end = in.readInt();
            boolean ok = in.readBoolean();
            responses.add(new Response(name, start, end, ok, cachedString()));
          }
          case USER -> {
            in.readInt();
            boolean start = in.readBoolean();
            int at = in.readInt();
            if (start) {
              arrivals.add(at);
            }
          }
          case GROUP -> {
            groups();
            in.readInt();
            in.readInt();
            in.readInt();
            in.readBoolean();
          }
          case ERROR -> {
            errors.add(cachedString());
            in.readInt();
          }
          default -> throw new IllegalStateException("unknown record type " + header);
        }
      }
      int[] sorted = arrivals.toArray();
      Arrays.sort(sorted);
      return new SimulationLog(run, sorted, List.copyOf(responses), List.copyOf(errors));
    }

    private void groups() throws IOException {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        cachedString();
      }
    }

    private String cachedString() throws IOException {
      int index = in.readInt();
      if (index > 0) {
        String s = string();
        cache.put(index, s);
        return s;
      }
      String s = cache.get(-index);
      if (s == null) {
        throw new IllegalStateException("cached string " + -index + " used before it was defined");
      }
      return s;
    }

    private String string() throws IOException {
      int length = in.readInt();
      if (length == 0) {
        return "";
      }
      if (length < 0 || length > 1 << 24) {
        throw new IllegalStateException("a string of " + length + " bytes");
      }
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new EOFException();
      }
      int coder = in.readByte();
      return new String(bytes, coder == 0 ? StandardCharsets.ISO_8859_1 : utf16);
    }
  }
}

package io.corridor.importer;

import com.google.protobuf.ProtocolStringList;
import crosby.binary.BinaryParser;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockInputStream;
import crosby.binary.file.FileBlock;
import io.corridor.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One read of an OpenStreetMap PBF file, block by block: decodes coordinates, refuses features
 * it does not know, tracks where the last complete block ended (so that a truncated file is
 * caught) and reports progress after each block.
 */
abstract class PbfPass extends BinaryParser {
  /** The PBF features this reader understands; a file that requires any other is refused. */
  private static final Set<String> SUPPORTED_FEATURES = Set.of("OsmSchema-V0.6", "DenseNodes");

  /** A qualified Java class name, as libraries put them in their messages. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:? ?");

  long bytes;
  long blockEnd;
  boolean sawHeader;
  private long latOffset;
  private long lonOffset;

  @Override
  public void parse(Osmformat.PrimitiveBlock block) {
    latOffset = block.getLatOffset();
    lonOffset = block.getLonOffset();
    super.parse(block);
  }

  // Nanodegrees divided by 1e9 rather than multiplied by 1e-9: one correctly rounded operation
  // on an exact integer, so 43.7285103 comes out as the double nearest 43.7285103.
  @Override
  public double parseLat(long raw) {
    return (latOffset + (long) granularity * raw) / 1e9;
  }

  @Override
  public double parseLon(long raw) {
    return (lonOffset + (long) granularity * raw) / 1e9;
  }

  /** Records the count of bytes read so far. */
  void bytesRead(long bytes) {
    this.bytes = bytes;
  }

  @Override
  public void handleBlock(FileBlock block) {
    super.handleBlock(block);
    blockEnd = bytes;
    blockDone();
  }

  @Override
  protected void parse(Osmformat.HeaderBlock header) {
    sawHeader = true;
    checkFeatures(header);
  }

  @Override
  protected void parseRelations(List<Osmformat.Relation> relations) {}

  @Override
  public void complete() {}

  /** Called after each block, to report progress. */
  abstract void blockDone();

  /** Reads every block of the file into the parser, turning any failure into one naming the file. */
  static void read(Path pbf, PbfPass pass, long size) throws ImportException {
    try (InputStream in = new CountingInputStream(
        new BufferedInputStream(Files.newInputStream(pbf), 1 << 16), pass)) {
      new BlockInputStream(in, pass).process();
      if (!pass.sawHeader) {
        throw new ImportException("not a valid OpenStreetMap PBF file (it does not start with an"
            + " OSMHeader block)");
      }
      // The block reader takes an end of file anywhere for the end of the data, so a file cut
      // short is caught here: the last complete block must end the file.
      if (pass.blockEnd != size) {
        throw new ImportException("not a valid OpenStreetMap PBF file (it ends inside a "
            + "block after byte " + pass.blockEnd + " of " + size + "; is it truncated?)");
      }
    } catch (UncheckedIOException e) {
      throw failure(pbf, e.getCause());
    } catch (IOException | RuntimeException e) {
      throw failure(pbf, e);
    }
  }

  /** Returns the failure of reading {@code pbf}, naming the file, without library class names. */
  static ImportException failure(Path pbf, Throwable e) {
    if (e instanceof ImportException known) {
      return new ImportException(pbf + ": " + known.getMessage(), known);
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      detail = detail + ": " + e.getCause().getMessage();
    }
    // The libraries' class names (protobuf's, the PBF reader's) say nothing to a user.
    detail = CLASS_NAME.matcher(detail).replaceAll("").strip();
    return new ImportException(pbf + ": not a valid OpenStreetMap PBF file ("
        + InvalidInputException.quote(detail, 200, false) + ")", e);
  }

  private static void checkFeatures(Osmformat.HeaderBlock header) {
    ProtocolStringList required = header.getRequiredFeaturesList();
    for (String feature : required) {
      if (!SUPPORTED_FEATURES.contains(feature)) {
        throw new UncheckedIOException(new ImportException(
            "requires the PBF feature '" + feature + "', which this importer does not support"));
      }
    }
  }

  /** Counts the bytes read from a stream and tells the pass. */
  private static final class CountingInputStream extends FilterInputStream {
    private final PbfPass counter;
    private long count;

    CountingInputStream(InputStream in, PbfPass counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.bytesRead(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        counter.bytesRead(count);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      counter.bytesRead(count);
      return skipped;
    }
  }
}

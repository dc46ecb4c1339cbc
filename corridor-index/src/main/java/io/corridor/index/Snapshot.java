package io.corridor.index;

import io.corridor.core.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Saves a {@link LocationIndex} to a file and opens it again by memory mapping, so that a large
 * index is ready in the time it takes to check its checksums rather than to parse and sort it.
 *
 * <p>Layout, little-endian:
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "CORRIDX\n"
 * 8       4     format version ({@link #VERSION}; {@link #UNORDERED_CELLS_VERSION} is read too)
 * 12      4     grid cells per degree (128)
 * 16      4     section count k
 * 20      4     0 (reserved)
 * 24      8     location count
 * 32      8     point count
 * 40      24·k  section table, per section: id (4), CRC32C of its bytes (4), offset (8), length (8)
 * 40+24k  4     CRC32C of bytes [0, 40+24k): the header's own checksum
 * then the sections, each non-empty one starting on a multiple of 64 bytes, the last one ending
 * the file.
 * </pre>
 *
 * <p>Each section is one column ({@link Section}) and is mapped as one buffer, so a section is
 * limited to 2 GiB (268 million points); a larger one is refused with a message saying so.
 * Everything is checked before the index is returned: magic, version, header checksum, section
 * bounds against the file's length, every section's checksum, and the columns' sizes against
 * each other.
 *
 * <p>Stateless: its methods are safe to call from many threads, on different files.
 */
public final class Snapshot {
  /**
   * The format version this build writes and reads: the layout of version 2, with each cell's
   * locations in {@link SubCellOrder}.
   */
  public static final int VERSION = 3;
  /**
   * The previous version, read too: the same layout with each cell's locations in arrival order,
   * which the search scans one by one. Such an index is written back as version 2.
   */
  public static final int UNORDERED_CELLS_VERSION = 2;
  private static final byte[] MAGIC = "CORRIDX\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FIXED_HEADER = 40;
  private static final int TABLE_ENTRY = 24;
  private static final int ALIGN = 64;
  private static final int WRITE_CHUNK = 4 << 20;

  private Snapshot() {}

  /**
   * Writes {@code index} to {@code target} atomically ({@link AtomicFiles}): readers see the old
   * file or the new one, never a part, and only a regular file is ever replaced.
   */
  public static void write(LocationIndex index, Path target) throws IOException {
    Map<Section, ByteBuffer> sections = index.sections();
    Section[] order = Section.values();
    int k = order.length;
    ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER + TABLE_ENTRY * k + 4).order(ByteOrder.LITTLE_ENDIAN);
    int version = index.subCellOrdered() ? VERSION : UNORDERED_CELLS_VERSION;
    header.put(MAGIC).putInt(version).putInt(CellGrid.CELLS_PER_DEGREE).putInt(k).putInt(0)
        .putLong(index.size()).putLong(index.pointCount());
    long end = header.capacity();
    long[] offsets = new long[k];
    for (int s = 0; s < k; s++) {
      ByteBuffer b = sections.get(order[s]);
      // An empty section takes no room, so the last non-empty one always ends the file.
      offsets[s] = b.capacity() == 0 ? end : align(end);
      header.putInt(order[s].id()).putInt(crc(b)).putLong(offsets[s]).putLong(b.capacity());
      end = offsets[s] + b.capacity();
    }
    header.putInt(crc(header.duplicate().flip()));
    header.flip();
    AtomicFiles.writeChannel(target, ch -> {
      writeFully(ch, header, 0);
      for (int s = 0; s < k; s++) {
        writeFully(ch, whole(sections.get(order[s])), offsets[s]);
      }
    });
  }

  /**
   * Opens a snapshot by memory mapping its sections, after checking all of it; callers use
   * {@link LocationIndex#open(Path)}.
   *
   * @throws InvalidSnapshotException if the file is truncated, corrupted, not a snapshot, or of
   *     another format version
   */
  static LocationIndex open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < FIXED_HEADER + 4) {
        throw new InvalidSnapshotException(file, "truncated: " + size + " bytes, shorter than a header");
      }
      ByteBuffer fixed = readAt(ch, 0, FIXED_HEADER);
      byte[] magic = new byte[MAGIC.length];
      fixed.get(0, magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new InvalidSnapshotException(file, "wrong magic number (not a Corridor index snapshot)");
      }
      int version = fixed.getInt(8);
      if (version != VERSION && version != UNORDERED_CELLS_VERSION) {
        throw new InvalidSnapshotException(file, "format version " + version + " is not supported"
            + (version > VERSION ? " (written by a newer Corridor; " : " (")
            + "this build reads versions " + UNORDERED_CELLS_VERSION + " and " + VERSION + ")");
      }
      int cellsPerDegree = fixed.getInt(12);
      int k = fixed.getInt(16);
      if (k < 0 || k > 1024 || FIXED_HEADER + (long) TABLE_ENTRY * k + 4 > size) {
        throw new InvalidSnapshotException(file, "truncated or corrupted header (" + k + " sections)");
      }
      ByteBuffer header = readAt(ch, 0, FIXED_HEADER + TABLE_ENTRY * k + 4);
      int stored = header.getInt(FIXED_HEADER + TABLE_ENTRY * k);
      if (crc(header.duplicate().limit(FIXED_HEADER + TABLE_ENTRY * k)) != stored) {
        throw new InvalidSnapshotException(file, "header checksum mismatch: the header is corrupted");
      }
      if (cellsPerDegree != CellGrid.CELLS_PER_DEGREE) {
        throw new InvalidSnapshotException(file, "grid of " + cellsPerDegree
            + " cells per degree is not supported (this build uses " + CellGrid.CELLS_PER_DEGREE + ")");
      }
      Map<Section, ByteBuffer> sections = new EnumMap<>(Section.class);
      long end = header.capacity();
      for (int s = 0; s < k; s++) {
        int o = FIXED_HEADER + TABLE_ENTRY * s;
        Section section = Section.byId(header.getInt(o));
        int crc = header.getInt(o + 4);
        long offset = header.getLong(o + 8);
        long length = header.getLong(o + 16);
        if (section == null || sections.containsKey(section)) {
          throw new InvalidSnapshotException(file, "unknown or repeated section id " + header.getInt(o));
        }
        if (offset < 0 || length < 0 || offset + length > size) {
          throw new InvalidSnapshotException(file, "truncated: section " + section + " needs bytes ["
              + offset + ", " + (offset + length) + ") but the file has " + size);
        }
        if (length > Integer.MAX_VALUE) {
          throw new InvalidSnapshotException(file, "section " + section + " is " + length
              + " bytes; sections over 2 GiB are not supported");
        }
        if (length % section.elementBytes() != 0) {
          throw new InvalidSnapshotException(file, "section " + section + " has a length of " + length
              + " bytes, not a multiple of " + section.elementBytes());
        }
        MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        ByteBuffer b = mapped.order(ByteOrder.LITTLE_ENDIAN);
        int actual = crc(b);
        if (actual != crc) {
          throw new InvalidSnapshotException(file, "section " + section + ": checksum mismatch (stored "
              + Integer.toHexString(crc) + ", computed " + Integer.toHexString(actual) + "): the file is corrupted");
        }
        sections.put(section, b);
        end = Math.max(end, offset + length);
      }
      if (end != size) {
        throw new InvalidSnapshotException(file, "the sections end at byte " + end
            + " but the file has " + size + " bytes");
      }
      LocationIndex index;
      try {
        index = LocationIndex.fromSections(sections, version == VERSION);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new InvalidSnapshotException(file, "inconsistent sections: " + e.getMessage());
      }
      if (index.size() != fixed.getLong(24) || index.pointCount() != fixed.getLong(32)) {
        throw new InvalidSnapshotException(file, "the header's counts (" + fixed.getLong(24) + " locations, "
            + fixed.getLong(32) + " points) disagree with the sections");
      }
      return index;
    }
  }

  private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return b.flip();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      // A heap buffer is written through a temporary direct buffer of its size, which the JDK then
      // keeps for the thread: chunks keep that to a few MiB instead of the largest column.
      ByteBuffer chunk = b.slice(b.position(), Math.min(b.remaining(), WRITE_CHUNK));
      int written = ch.write(chunk, p);
      b.position(b.position() + written);
      p += written;
    }
  }

  private static ByteBuffer whole(ByteBuffer b) {
    return b.duplicate().clear();
  }

  private static int crc(ByteBuffer b) {
    CRC32C c = new CRC32C();
    c.update(b.duplicate().rewind());
    return (int) c.getValue();
  }

  private static long align(long offset) {
    return (offset + ALIGN - 1) / ALIGN * ALIGN;
  }

  /** Forces the directory entry of the rename to disk, where the platform allows it. */
}

package io.corridor.server;

import io.corridor.index.LocationIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * One index as served, with what {@code GET /v1/index} reports of it, and a count of its users:
 * the slot holds one reference and each request in progress one more, and the index is released
 * when the last of them lets go, so that a reload never pulls an index from under a request.
 * Thread-safe.
 */
final class ServedIndex {
  private final LocationIndex index;
  private final Path file;
  private final String checksum;
  private final Instant builtAt;
  private final Instant loadedAt;
  private final CorridorLibrary.IndexSummary summary;
  private final AtomicInteger references = new AtomicInteger(1);

  private ServedIndex(LocationIndex index, Path file, String checksum, Instant builtAt) {
    this.index = index;
    this.file = file;
    this.checksum = checksum;
    this.builtAt = builtAt;
    this.loadedAt = Instant.now();
    this.summary = CorridorLibrary.summarize(index);
  }

  /** Opens, verifies and describes a snapshot file. */
  static ServedIndex open(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    LocationIndex index = CorridorLibrary.open(absolute);
    return new ServedIndex(index, absolute, "crc32c:" + crc32c(absolute),
        Files.getLastModifiedTime(absolute).toInstant());
  }

  /** Builds and describes the demo index of {@code count} synthetic locations and the examples. */
  static ServedIndex demo(int count) throws IOException {
    LocationIndex index = CorridorLibrary.demo(count);
    return new ServedIndex(index, null, "demo:seed=" + CorridorLibrary.DEMO_SEED + ",count=" + count,
        Instant.now());
  }

  /** Returns the index; only between {@link #retain()} and {@link #release()}. */
  LocationIndex index() {
    return index;
  }

  /** Returns the snapshot file, or null for the demo. */
  Path file() {
    return file;
  }

  /** Returns the file's CRC32C as {@code crc32c:xxxxxxxx}, or a name of the demo's content. */
  String checksum() {
    return checksum;
  }

  /** Returns when the data was built: the snapshot's modification time, or the demo's build. */
  Instant builtAt() {
    return builtAt;
  }

  /** Returns when this server loaded it. */
  Instant loadedAt() {
    return loadedAt;
  }

  CorridorLibrary.IndexSummary summary() {
    return summary;
  }

  /** Takes a reference, unless the index has been released already; returns whether it did. */
  boolean retain() {
    while (true) {
      int n = references.get();
      if (n == 0) {
        return false;
      }
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; the last one closes the index. */
  void release() {
    int n = references.decrementAndGet();
    if (n == 0) {
      CorridorLibrary.close(index);
    } else if (n < 0) {
      throw new IllegalStateException("index released more often than retained");
    }
  }

  /** Returns the number of references held: the slot's, if still served, and the requests'. */
  int references() {
    return references.get();
  }

  private static String crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      while (ch.read(buf) >= 0) {
        buf.flip();
        crc.update(buf);
        buf.clear();
      }
    }
    return String.format("%08x", crc.getValue());
  }
}

package io.corridor.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The index being served, swapped atomically by a reload. A request takes a lease on the index
 * current when it starts and works on that one to the end, whatever is swapped in meanwhile.
 * Thread-safe; reloads run one at a time.
 */
final class IndexSlot {
  private final AtomicReference<ServedIndex> current = new AtomicReference<>();
  private final Object reloadLock = new Object();

  /** Returns whether an index is loaded. */
  boolean loaded() {
    return current.get() != null;
  }

  /** Returns the index being served, without a lease: for gauges and descriptions only. */
  ServedIndex peek() {
    return current.get();
  }

  /** Takes a lease on the current index, or returns null if none is loaded yet. */
  Lease lease() {
    while (true) {
      ServedIndex s = current.get();
      if (s == null) {
        return null;
      }
      if (s.retain()) {
        return new Lease(s);
      }
      // Released between the read and the retain: a reload swapped it; read the new one.
    }
  }

  /** Serves {@code next} from now on and drops the slot's reference to the one before. */
  void install(ServedIndex next) {
    ServedIndex previous = current.getAndSet(next);
    if (previous != null) {
      previous.release();
    }
  }

  /**
   * Opens and verifies {@code file} in full, then swaps it in; on any failure the index served
   * before stays.
   */
  ServedIndex reload(Path file) throws IOException {
    synchronized (reloadLock) {
      ServedIndex next = ServedIndex.open(file);
      install(next);
      return next;
    }
  }

  /** A request's hold on one index, released when closed. */
  static final class Lease implements AutoCloseable {
    private final ServedIndex index;
    private boolean closed;

    private Lease(ServedIndex index) {
      this.index = index;
    }

    ServedIndex index() {
      return index;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        index.release();
      }
    }
  }
}

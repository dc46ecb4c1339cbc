package io.corridor.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the corridor requests worked on at once and the ones waiting for a worker: a request
 * beyond both is turned away at once with a 503, so that a surge never piles up memory or
 * latency. Waiting is first come, first served, and ends at the request's deadline. Thread-safe.
 */
final class Admission {
  private final Semaphore workers;
  private final int maxQueue;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inProgress = new AtomicInteger();

  Admission(int maxInFlight, int maxQueue) {
    this.workers = new Semaphore(maxInFlight, true);
    this.maxQueue = maxQueue;
  }

  /**
   * Takes a worker, waiting in the queue until {@code deadlineNanos} (a {@link System#nanoTime()})
   * at most, and returns the nanoseconds waited.
   *
   * @throws Problem 503 if the queue is full or the deadline passes first
   */
  long enter(long deadlineNanos) {
    long start = System.nanoTime();
    if (workers.tryAcquire()) {
      inProgress.incrementAndGet();
      return 0;
    }
    if (queued.incrementAndGet() > maxQueue) {
      queued.decrementAndGet();
      throw Problem.unavailable("queue_full", "the server is busy: " + inProgress.get()
          + " requests in progress and " + maxQueue + " waiting; retry shortly");
    }
    try {
      if (!workers.tryAcquire(Math.max(0, deadlineNanos - start), TimeUnit.NANOSECONDS)) {
        throw Problem.unavailable("queue_timeout",
            "the server is busy: no worker became free before the request's deadline; retry shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problem.unavailable("draining", "the server is shutting down");
    } finally {
      queued.decrementAndGet();
    }
    inProgress.incrementAndGet();
    return System.nanoTime() - start;
  }

  /** Gives back the worker taken by {@link #enter}. */
  void leave() {
    inProgress.decrementAndGet();
    workers.release();
  }

  int inProgress() {
    return inProgress.get();
  }

  int queued() {
    return queued.get();
  }
}

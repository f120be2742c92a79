package dev.keelson.scheduler.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs a function over indices {@code [0, n)} on a bounded pool of worker threads (kube-scheduler's
 * {@code parallelize.Until}); the calling thread works too. Work is handed out in chunks; a stop
 * condition ends it early (filtering stops once enough feasible nodes are found).
 */
public final class Parallelizer implements AutoCloseable {
  private final int parallelism;
  private final ExecutorService pool;

  /** A parallelizer with {@code parallelism} workers (the caller included). */
  public Parallelizer(int parallelism, String name) {
    this.parallelism = Math.max(1, parallelism);
    AtomicInteger seq = new AtomicInteger();
    this.pool =
        this.parallelism == 1
            ? null
            : Executors.newFixedThreadPool(
                this.parallelism - 1,
                r ->
                    Thread.ofPlatform()
                        .daemon()
                        .name(name + "-" + seq.incrementAndGet())
                        .unstarted(r));
  }

  /** The number of workers. */
  public int parallelism() {
    return parallelism;
  }

  /** Runs {@code fn} for every index until done or {@code stop} says so. */
  public void until(int n, IntConsumer fn, BooleanSupplier stop) {
    if (n <= 0) {
      return;
    }
    int chunk = Math.max(1, (int) Math.sqrt(n));
    int workers = Math.min(parallelism, (n + chunk - 1) / chunk);
    if (workers <= 1 || pool == null) {
      for (int i = 0; i < n && !stop.getAsBoolean(); i++) {
        fn.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    Object idle = new Object();
    RuntimeException[] failure = new RuntimeException[1];
    Runnable work =
        () -> {
          try {
            while (!stop.getAsBoolean()) {
              busy.incrementAndGet();
              try {
                int start = next.getAndAdd(chunk);
                if (start >= n) {
                  return;
                }
                int end = Math.min(n, start + chunk);
                for (int i = start; i < end; i++) {
                  fn.accept(i);
                }
              } finally {
                if (busy.decrementAndGet() == 0) {
                  synchronized (idle) {
                    idle.notifyAll();
                  }
                }
              }
            }
          } catch (RuntimeException e) {
            synchronized (failure) {
              failure[0] = e;
            }
            next.set(n); // stop handing out work
          }
        };
    // Helpers that start late find no work left: the caller never waits for a worker to be
    // scheduled, only for chunks a worker has already taken (a busy machine may delay a thread
    // hand-off by milliseconds).
    for (int w = 1; w < workers; w++) {
      pool.execute(work);
    }
    work.run();
    synchronized (idle) {
      while (busy.get() > 0) {
        try {
          idle.wait(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

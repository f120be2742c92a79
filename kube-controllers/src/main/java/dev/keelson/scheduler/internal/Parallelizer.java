package dev.keelson.scheduler.internal;

import java.util.concurrent.CountDownLatch;
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
    Runnable work =
        () -> {
          while (!stop.getAsBoolean()) {
            int start = next.getAndAdd(chunk);
            if (start >= n) {
              return;
            }
            int end = Math.min(n, start + chunk);
            for (int i = start; i < end; i++) {
              fn.accept(i);
            }
          }
        };
    CountDownLatch done = new CountDownLatch(workers - 1);
    RuntimeException[] failure = new RuntimeException[1];
    for (int w = 1; w < workers; w++) {
      pool.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              synchronized (failure) {
                failure[0] = e;
              }
            } finally {
              done.countDown();
            }
          });
    }
    work.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
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

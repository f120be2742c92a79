package dev.keelson.controller.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real clock; its timers run on one shared daemon thread. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();
  private static final Logger log = LoggerFactory.getLogger(SystemClock.class);

  private final ScheduledThreadPoolExecutor timers;

  private SystemClock() {
    timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "keelson-clock");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    long nanos = Math.max(0, saturatedNanos(delay));
    ScheduledFuture<?> f = timers.schedule(() -> runQuietly(task), nanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      // A failing task must not kill the shared timer thread.
      log.error("clock timer task failed", e);
    }
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}

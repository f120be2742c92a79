package dev.keelson.controller.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time source of the controller runtime: wall-clock instants, a monotonic nanosecond counter,
 * and timers. Everything time-driven in the runtime (work-queue delays and backoff, informer
 * resyncs, lease renewals) goes through a {@code Clock}, so that tests can drive it with a {@link
 * FakeClock} instead of sleeping.
 *
 * <p>Timer tasks run on the clock's own thread (the system clock) or on the thread that advances a
 * fake clock; they must be short and must not block: hand real work to a queue or an executor.
 */
public interface Clock extends InstantSource {

  /** The current wall-clock instant. */
  @Override
  Instant instant();

  /** A monotonic counter in nanoseconds, for measuring durations; its origin is arbitrary. */
  long nanoTime();

  /**
   * Runs {@code task} once, when {@code delay} has passed on this clock. A zero or negative delay
   * runs it as soon as possible (never on the caller's stack).
   *
   * @return a handle that cancels the task if it has not started yet
   */
  Timer schedule(Duration delay, Runnable task);

  /**
   * The real clock: {@link System#currentTimeMillis()}-based instants and {@link System#nanoTime}.
   */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** A scheduled task. */
  interface Timer {
    /**
     * Cancels the task.
     *
     * @return true if the task will not run because of this call; false if it already ran, is
     *     running, or was cancelled before
     */
    boolean cancel();
  }
}

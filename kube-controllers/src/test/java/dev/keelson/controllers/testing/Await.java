package dev.keelson.controllers.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition with a deadline (never sleep-and-hope). Controllers in these tests run on a
 * {@link FakeClock}, so their retry backoff only passes when the clock moves: each poll moves it by
 * one millisecond, far below any minReadySeconds or progress deadline a test sets.
 */
public final class Await {
  private Await() {}

  /** The default deadline. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Waits until {@code condition} holds; fails with {@code what} (and its state) if it does not.
   */
  public static void until(FakeClock clock, String what, BooleanSupplier condition) {
    until(clock, what, condition, () -> "");
  }

  /** As {@link #until(FakeClock, String, BooleanSupplier)} with a description of the state. */
  public static void until(
      FakeClock clock, String what, BooleanSupplier condition, Supplier<String> state) {
    until(clock, Duration.ofMillis(1), what, condition, state);
  }

  /** As above, moving the clock by {@code step} per poll. */
  public static void until(
      FakeClock clock,
      Duration step,
      String what,
      BooleanSupplier condition,
      Supplier<String> state) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not there yet (for example not found)
      }
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "; state: " + state.get());
      }
      if (clock != null) {
        clock.advance(step);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /**
   * Waits until {@code condition} holds, advancing {@code clock} by {@code step} between polls so
   * that backoffs and delayed requeues on it come due (a zero step moves no clock).
   */
  public static void until(String what, FakeClock clock, Duration step, BooleanSupplier condition) {
    until(step.isZero() ? null : clock, step, what, condition, () -> "");
  }

  /** Waits until {@code condition} holds, moving no clock. */
  public static void until(String what, BooleanSupplier condition) {
    until(null, Duration.ZERO, what, condition, () -> "");
  }
}

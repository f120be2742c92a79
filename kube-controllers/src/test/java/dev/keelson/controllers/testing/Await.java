package dev.keelson.controllers.testing;

import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;

/** Polls a condition with a deadline (never sleep-and-hope), nudging a fake clock along. */
public final class Await {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private Await() {}

  /**
   * Waits until {@code condition} holds, advancing {@code clock} by {@code step} between polls so
   * that backoffs and delayed requeues on it come due; fails with {@code what} after 30 s.
   */
  public static void until(String what, FakeClock clock, Duration step, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("timed out waiting until " + what);
      }
      Thread.sleep(20);
      if (clock != null && !step.isZero()) {
        clock.advance(step);
      }
    }
  }

  /** As above without moving a clock. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(what, null, Duration.ZERO, condition);
  }
}

package dev.keelson.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline instead of sleeping and hoping: polls {@code condition}
 * every few milliseconds and fails the test with {@code what} once {@code timeout} has passed.
 */
public final class Eventually {
  private static final long POLL_MILLIS = 5;

  private Eventually() {}

  /**
   * Returns as soon as {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} if it does not hold within {@code timeout}
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}

package dev.keelson.apiserver;

import java.time.Duration;

/**
 * Polls a condition until it holds or a deadline passes, for this module's tests (kube-testkit's
 * {@code Eventually} cannot serve them: kube-testkit depends on this module).
 */
public final class Poll {
  private Poll() {}

  /** A condition that may throw. */
  public interface Condition {
    boolean holds() throws Exception;
  }

  public static void await(String what, Duration timeout, Condition c) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}

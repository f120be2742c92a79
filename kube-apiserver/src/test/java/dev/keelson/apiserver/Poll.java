package dev.keelson.apiserver.auth;

import java.time.Duration;

/** Polls a condition until it holds or a deadline passes (kube-testkit depends on this module). */
final class Poll {
  private Poll() {}

  /** A condition that may throw. */
  interface Condition {
    boolean holds() throws Exception;
  }

  static void await(String what, Duration timeout, Condition c) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}

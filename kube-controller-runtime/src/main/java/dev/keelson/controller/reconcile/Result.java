package dev.keelson.controller.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconciler asks of the controller after a successful pass. Build with {@link #done()},
 * {@link #requeueWithBackoff()} or {@link #requeueAfter(Duration)}.
 *
 * @param requeue whether to reconcile the request again although nothing failed
 * @param requeueAfter when set, reconcile again after this delay, counted from when the pass began
 *     (and reset the backoff); when {@code null} and {@code requeue} is set, again after the rate
 *     limiter's backoff
 */
public record Result(boolean requeue, Duration requeueAfter) {
  private static final Result DONE = new Result(false, null);

  public Result {
    if (requeueAfter != null) {
      if (requeueAfter.isNegative()) {
        throw new IllegalArgumentException("requeueAfter must not be negative: " + requeueAfter);
      }
      requeue = true;
    }
  }

  /** The request is reconciled; its backoff is reset. The next event queues it again. */
  public static Result done() {
    return DONE;
  }

  /** Reconcile again after the rate limiter's delay (the backoff keeps growing). */
  public static Result requeueWithBackoff() {
    return new Result(true, null);
  }

  /**
   * Reconcile again after {@code delay} (for example to poll an external system); the backoff is
   * reset.
   */
  public static Result requeueAfter(Duration delay) {
    return new Result(true, Objects.requireNonNull(delay, "delay"));
  }
}

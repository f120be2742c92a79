package dev.keelson.controllers.nodelifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket (burst one) timed by the caller's clock: how fast one zone's Nodes get tainted.
 */
final class ZoneLimiter {
  private final double perSecond;
  private double tokens = 1;
  private Instant last;

  ZoneLimiter(double perSecond) {
    this.perSecond = perSecond;
  }

  private void refill(Instant now) {
    if (last != null && now.isAfter(last)) {
      tokens = Math.min(1, tokens + Duration.between(last, now).toNanos() / 1e9 * perSecond);
    }
    if (last == null || now.isAfter(last)) {
      last = now;
    }
  }

  /** Takes a token if there is one. */
  synchronized boolean tryAcquire(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token. */
  synchronized Duration untilNext(Instant now) {
    refill(now);
    if (tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
  }
}

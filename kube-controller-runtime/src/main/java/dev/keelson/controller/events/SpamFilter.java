package dev.keelson.controller.events;

import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.controller.time.Clock;

/**
 * client-go's {@code EventSourceObjectSpamFilter}: a token bucket per (source, involved object,
 * type) holding 25 tokens and refilling one every 5 minutes; an event without a token is dropped.
 * Confined to the recorder's writer thread.
 */
final class SpamFilter {
  static final int BURST = 25;
  static final double QPS = 1.0 / 300;

  private final Clock clock;
  private final Lru<String, double[]> buckets; // {tokens, lastNanos}

  SpamFilter(Clock clock, int cacheSize) {
    this.clock = clock;
    this.buckets = new Lru<>(cacheSize);
  }

  boolean allow(Event e) {
    ObjectReference o = e.involvedObject();
    String key =
        EventCorrelator.join(
            e.source().component(),
            e.source().host(),
            o.kind(),
            o.namespace(),
            o.name(),
            o.uid(),
            o.apiVersion(),
            e.type());
    long now = clock.nanoTime();
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {BURST, now});
    b[0] = Math.min(BURST, b[0] + (now - (long) b[1]) / 1e9 * QPS);
    b[1] = now;
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }
}

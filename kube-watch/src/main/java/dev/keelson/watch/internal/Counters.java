package dev.keelson.watch.internal;

import java.util.concurrent.atomic.LongAdder;

/** The cache's counters; {@link LongAdder}s so that subscription threads do not contend. */
final class Counters {
  final LongAdder upstreamEvents = new LongAdder();
  final LongAdder eventsDelivered = new LongAdder();
  final LongAdder bookmarksDelivered = new LongAdder();
  final LongAdder subscriptionsStarted = new LongAdder();
  final LongAdder endedByOverflow = new LongAdder();
  final LongAdder endedByExpired = new LongAdder();
  final LongAdder listsFromCache = new LongAdder();
  final LongAdder listsFromStore = new LongAdder();
  final LongAdder relists = new LongAdder();
}

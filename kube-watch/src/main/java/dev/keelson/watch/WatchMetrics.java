package dev.keelson.watch;

/**
 * A snapshot of a watch cache's counters (monotonic since the cache started, except the gauges).
 *
 * @param upstreamEvents store events applied to the cache
 * @param eventsDelivered events handed to subscribers' sinks (bookmarks and errors included)
 * @param bookmarksDelivered BOOKMARK events among them
 * @param subscribers gauge: subscriptions running now
 * @param subscriptionsStarted subscriptions ever started
 * @param endedByOverflow subscriptions ended because they fell further behind than their buffer
 * @param endedByExpired subscriptions refused because their start version was older than the window
 *     (410 Expired)
 * @param listsFromCache list pages served by the cache
 * @param listsFromStore list pages the cache had to read from the store
 * @param relists times the cache re-listed the store after losing its upstream watch
 * @param revision gauge: the cache's revision
 * @param windowEvents gauge: events in the resume window
 */
public record WatchMetrics(
    long upstreamEvents,
    long eventsDelivered,
    long bookmarksDelivered,
    long subscribers,
    long subscriptionsStarted,
    long endedByOverflow,
    long endedByExpired,
    long listsFromCache,
    long listsFromStore,
    long relists,
    long revision,
    long windowEvents) {}

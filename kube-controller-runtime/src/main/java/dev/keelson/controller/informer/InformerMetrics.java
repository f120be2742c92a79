package dev.keelson.controller.informer;

/**
 * A snapshot of an informer's counters.
 *
 * @param lists complete lists (the first and every relist)
 * @param listPages list requests (pages)
 * @param relists lists after the first: after 410 Gone or an error
 * @param watches watches started
 * @param watchEvents ADDED, MODIFIED and DELETED events applied
 * @param bookmarks BOOKMARK events seen
 * @param errors failed lists and watches (each followed by a backoff)
 * @param resyncs periodic resyncs delivered
 * @param coalesced notifications merged into a pending one because a handler lagged
 * @param lastSyncResourceVersion the resource version the cache is at ({@code ""} before the first
 *     list)
 * @param size objects in the cache
 */
public record InformerMetrics(
    long lists,
    long listPages,
    long relists,
    long watches,
    long watchEvents,
    long bookmarks,
    long errors,
    long resyncs,
    long coalesced,
    String lastSyncResourceVersion,
    int size) {}

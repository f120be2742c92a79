package dev.keelson.watch;

import java.util.List;

/**
 * One page of a list.
 *
 * @param resourceVersion the revision the page reflects (the same on every page of one list)
 * @param items the objects, ordered by key
 * @param continueToken the token for the next page, or {@code null} on the last page
 * @param fromCache whether the cache served the page (else the store did; see {@link WatchCache})
 */
public record ListResult(
    long resourceVersion, List<StoredObject> items, String continueToken, boolean fromCache) {
  public ListResult {
    items = List.copyOf(items);
  }
}

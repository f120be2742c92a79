package dev.keelson.controllers.endpointslice;

import dev.keelson.api.discovery.v1.EndpointSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the slices this controller wrote per Service until its informer shows them, so that a
 * reconcile never plans from a cache that lacks its own last writes (it would create duplicates):
 * Kubernetes' endpoint-slice tracker. Thread-safe.
 */
final class SliceTracker {
  private static final long DELETED = -1;

  /** Service key -> slice name -> resource version written (or DELETED). */
  private final Map<String, Map<String, Long>> written = new HashMap<>();

  synchronized void wrote(String service, EndpointSlice slice) {
    written.computeIfAbsent(service, k -> new HashMap<>()).put(slice.metadata().name(), rv(slice));
  }

  synchronized void deleted(String service, EndpointSlice slice) {
    written.computeIfAbsent(service, k -> new HashMap<>()).put(slice.metadata().name(), DELETED);
  }

  synchronized void forget(String service) {
    written.remove(service);
  }

  /**
   * Whether {@code cached} (the informer's slices of the Service) reflects every write; forgets the
   * writes it reflects. {@code cacheRevision} is the informer's resource version read before {@code
   * cached}: a written slice missing from a cache that is at or past the write was deleted since
   * (by someone else, or by the garbage collector with its Service), and is not waited for.
   */
  synchronized boolean upToDate(String service, List<EndpointSlice> cached, long cacheRevision) {
    Map<String, Long> w = written.get(service);
    if (w == null) {
      return true;
    }
    Map<String, Long> seen = new HashMap<>();
    for (EndpointSlice s : cached) {
      seen.put(s.metadata().name(), rv(s));
    }
    w.entrySet()
        .removeIf(
            e -> {
              Long now = seen.get(e.getKey());
              if (e.getValue() == DELETED) {
                return now == null;
              }
              return now != null ? now >= e.getValue() : cacheRevision >= e.getValue();
            });
    if (w.isEmpty()) {
      written.remove(service);
      return true;
    }
    return false;
  }

  private static long rv(EndpointSlice s) {
    return rv(s.metadata().resourceVersion());
  }

  /** A resource version as a number; 0 if it is not one. */
  static long rv(String resourceVersion) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}

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
   * writes it reflects.
   */
  synchronized boolean upToDate(String service, List<EndpointSlice> cached) {
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
              return e.getValue() == DELETED ? now == null : now != null && now >= e.getValue();
            });
    if (w.isEmpty()) {
      written.remove(service);
      return true;
    }
    return false;
  }

  private static long rv(EndpointSlice s) {
    try {
      return Long.parseLong(s.metadata().resourceVersion());
    } catch (RuntimeException e) {
      return 0;
    }
  }
}

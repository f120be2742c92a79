package dev.keelson.controllers.gc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Owners verified absent, by the namespace they were looked up in and their uid (a uid never comes
 * back), so that the dependents of one deleted owner do not each ask the server again. A bounded
 * LRU (kube-controller-manager keeps 500).
 */
final class AbsentOwnerCache {
  private final Map<String, Boolean> entries;

  AbsentOwnerCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void add(String namespace, String uid) {
    entries.put(namespace + "/" + uid, Boolean.TRUE);
  }

  synchronized boolean has(String namespace, String uid) {
    return entries.containsKey(namespace + "/" + uid);
  }
}

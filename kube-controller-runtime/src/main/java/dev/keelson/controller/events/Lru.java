package dev.keelson.controller.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map that forgets its least recently used entry. Not thread-safe. */
final class Lru<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int max;

  Lru(int max) {
    super(16, 0.75f, true);
    this.max = max;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > max;
  }
}

package dev.keelson.api.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalizes the collections held by model records: never {@code null}, never modifiable.
 *
 * <p>Public only because records in several packages call it from their compact constructors; it is
 * not part of Keelson's API.
 */
public final class Immutable {
  private Immutable() {}

  /** An unmodifiable copy of {@code list}, or an empty list for {@code null}. */
  public static <T> List<T> list(List<T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    return List.copyOf(list); // rejects null elements, as Kubernetes does
  }

  /**
   * An unmodifiable copy of {@code map} with its keys sorted (the order Go's JSON encoder writes
   * maps in), or an empty map for {@code null}. Null keys or values are rejected.
   */
  public static <V> Map<String, V> map(Map<String, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof UnmodifiableSorted<V> already) {
      return already;
    }
    TreeMap<String, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new NullPointerException("map entries must not be null: " + k + "=" + v);
          }
          copy.put(k, v);
        });
    return new UnmodifiableSorted<>(copy);
  }

  /** Marker wrapper so that copying an already normalized map is free. */
  private static final class UnmodifiableSorted<V> extends java.util.AbstractMap<String, V> {
    private final Map<String, V> delegate;

    UnmodifiableSorted(TreeMap<String, V> sorted) {
      this.delegate = Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    public java.util.Set<Entry<String, V>> entrySet() {
      return delegate.entrySet();
    }

    @Override
    public V get(Object key) {
      return delegate.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return delegate.containsKey(key);
    }

    @Override
    public int size() {
      return delegate.size();
    }
  }
}

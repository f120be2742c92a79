package dev.keelson.apiserver.discovery;

import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

/**
 * Values computed from a registry's state and kept until the registry changes. The registry's
 * {@link ResourceRegistry#all()} list is the version: a new list that is not equal to the cached
 * one (a resource registered or removed) drops every cached value. Values are computed from the
 * very {@link ApiSnapshot} they are cached under, so a value never describes a state other than its
 * key's. Thread-safe; a value may be computed twice under contention, never mixed.
 *
 * @param <K> what a value is cached by within one state (a path, a group-version)
 * @param <V> the value
 */
public final class SnapshotCache<K, V> {
  private record Generation<K, V>(
      List<ResourceType> key, ApiSnapshot snapshot, ConcurrentMap<K, V> values) {}

  private final ResourceRegistry registry;
  private volatile Generation<K, V> current;

  public SnapshotCache(ResourceRegistry registry) {
    this.registry = registry;
  }

  /** The registry's current state. */
  public ApiSnapshot snapshot() {
    return generation().snapshot();
  }

  /** The value for {@code key} in the current state, computing it from that state if needed. */
  public V get(K key, BiFunction<ApiSnapshot, K, V> compute) {
    Generation<K, V> g = generation();
    return g.values().computeIfAbsent(key, k -> compute.apply(g.snapshot(), k));
  }

  private Generation<K, V> generation() {
    List<ResourceType> now = registry.all();
    Generation<K, V> g = current;
    if (g == null || (g.key() != now && !g.key().equals(now))) {
      g = new Generation<>(now, new ApiSnapshot(now), new ConcurrentHashMap<>());
      current = g;
    }
    return g;
  }
}

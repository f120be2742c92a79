package dev.keelson.controller.cache;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.selector.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The thread-safe {@link Indexer} that informers fill. Reads by key are lock-free; index reads and
 * all writes take a read-write lock. Only the owning informer writes ({@link #put}, {@link
 * #remove}); everyone else reads through {@link Indexer}.
 *
 * @param <T> the object type
 */
public final class IndexedCache<T extends KubernetesObject> implements Indexer<T> {
  private final ConcurrentHashMap<ObjectKey, T> items = new ConcurrentHashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Index<T>> indices = new LinkedHashMap<>();

  /** An empty cache with the {@link Indexers#NAMESPACE} index. */
  public IndexedCache() {
    indices.put(Indexers.NAMESPACE, new Index<>(IndexedCache::namespaceOf));
  }

  private static List<String> namespaceOf(KubernetesObject o) {
    ObjectMeta m = o.metadata();
    String ns = m == null || m.namespace() == null ? "" : m.namespace();
    return List.of(ns);
  }

  /**
   * Stores {@code object} under its key and updates every index.
   *
   * @return the object it replaced, or {@code null}
   */
  public T put(T object) {
    ObjectKey key = ObjectKey.of(object);
    lock.writeLock().lock();
    try {
      T old = items.put(key, object);
      for (Index<T> index : indices.values()) {
        index.update(key, old, object);
      }
      return old;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes the object with this key.
   *
   * @return the removed object, or {@code null}
   */
  public T remove(ObjectKey key) {
    lock.writeLock().lock();
    try {
      T old = items.remove(key);
      if (old != null) {
        for (Index<T> index : indices.values()) {
          index.update(key, old, null);
        }
      }
      return old;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<T> get(ObjectKey key) {
    return Optional.ofNullable(items.get(key));
  }

  @Override
  public List<T> list() {
    return new ArrayList<>(items.values());
  }

  @Override
  public List<T> list(String namespace) {
    return byIndex(Indexers.NAMESPACE, namespace == null ? "" : namespace);
  }

  @Override
  public List<T> list(Selector selector) {
    List<T> out = new ArrayList<>();
    for (T o : items.values()) {
      if (matches(selector, o)) {
        out.add(o);
      }
    }
    return out;
  }

  @Override
  public List<T> list(String namespace, Selector selector) {
    List<T> out = list(namespace);
    out.removeIf(o -> !matches(selector, o));
    return out;
  }

  private static boolean matches(Selector selector, KubernetesObject o) {
    ObjectMeta m = o.metadata();
    return selector.matches(m == null ? Map.of() : m.labels());
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    lock.readLock().lock();
    try {
      Set<ObjectKey> keys = index(indexName).keys.getOrDefault(value, Set.of());
      List<T> out = new ArrayList<>(keys.size());
      for (ObjectKey k : keys) {
        T o = items.get(k);
        if (o != null) {
          out.add(o);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Set<ObjectKey> keysByIndex(String indexName, String value) {
    lock.readLock().lock();
    try {
      return Set.copyOf(index(indexName).keys.getOrDefault(value, Set.of()));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Set<String> indexValues(String indexName) {
    lock.readLock().lock();
    try {
      return Set.copyOf(index(indexName).keys.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Set<ObjectKey> keys() {
    return Set.copyOf(items.keySet());
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public void addIndex(String indexName, IndexFunction<? super T> function) {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(function, "function");
    lock.writeLock().lock();
    try {
      if (indices.containsKey(indexName)) {
        throw new IllegalArgumentException("index " + indexName + " exists");
      }
      Index<T> index = new Index<>(function);
      items.forEach((k, o) -> index.update(k, null, o));
      indices.put(indexName, index);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Index<T> index(String name) {
    Index<T> index = indices.get(name);
    if (index == null) {
      throw new IllegalArgumentException("no index named " + name + "; have " + indices.keySet());
    }
    return index;
  }

  /** One index: value -> keys. Guarded by the cache's lock. */
  private static final class Index<T> {
    private final IndexFunction<? super T> function;
    private final Map<String, Set<ObjectKey>> keys = new HashMap<>();

    Index(IndexFunction<? super T> function) {
      this.function = function;
    }

    void update(ObjectKey key, T old, T current) {
      Collection<String> before = old == null ? List.of() : function.values(old);
      Collection<String> after = current == null ? List.of() : function.values(current);
      if (before.equals(after)) {
        return;
      }
      for (String v : before) {
        if (!after.contains(v)) {
          Set<ObjectKey> s = keys.get(v);
          if (s != null && s.remove(key) && s.isEmpty()) {
            keys.remove(v);
          }
        }
      }
      for (String v : after) {
        keys.computeIfAbsent(v, x -> new HashSet<>()).add(key);
      }
    }
  }
}

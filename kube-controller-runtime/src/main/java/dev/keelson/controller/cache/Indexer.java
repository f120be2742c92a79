package dev.keelson.controller.cache;

import dev.keelson.api.selector.Selector;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, indexed view of an informer's cache (client-go's {@code Indexer} and listers).
 *
 * <p>It hands out the cached objects themselves, with no copy: Keelson objects are immutable
 * records (and {@link dev.keelson.api.GenericObject} copies its tree on the way in and out), so
 * callers cannot corrupt the cache. Derive changed objects with {@code withX(...)} or the builders.
 *
 * <p>Every index is maintained incrementally as events arrive. Lists are snapshots in no particular
 * order. All methods are thread-safe.
 *
 * @param <T> the object type
 */
public interface Indexer<T> {
  /** The object with this key. */
  Optional<T> get(ObjectKey key);

  /** The object {@code namespace/name}; pass {@code ""} as namespace for cluster-scoped objects. */
  default Optional<T> get(String namespace, String name) {
    return get(new ObjectKey(namespace, name));
  }

  /** Every object. */
  List<T> list();

  /** The objects of one namespace (uses the {@link Indexers#NAMESPACE} index). */
  List<T> list(String namespace);

  /** The objects whose labels match {@code selector}, in all namespaces. */
  List<T> list(Selector selector);

  /** The objects of one namespace whose labels match {@code selector}. */
  List<T> list(String namespace, Selector selector);

  /** The objects indexed under {@code value} in the index {@code indexName}. */
  List<T> byIndex(String indexName, String value);

  /** The keys indexed under {@code value} in the index {@code indexName}. */
  Set<ObjectKey> keysByIndex(String indexName, String value);

  /** The values present in an index (for example every node name with Pods). */
  Set<String> indexValues(String indexName);

  /** Every key. */
  Set<ObjectKey> keys();

  /** The number of objects. */
  int size();

  /**
   * Adds an index; it is built from the current contents at once and kept up to date.
   *
   * @throws IllegalArgumentException if an index of this name exists
   */
  void addIndex(String indexName, IndexFunction<? super T> function);
}

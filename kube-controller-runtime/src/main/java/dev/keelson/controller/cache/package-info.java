/**
 * Informer caches: {@link dev.keelson.controller.cache.Indexer} (read-only listers by key,
 * namespace, label selector and custom indexes), {@link dev.keelson.controller.cache.IndexedCache}
 * (its implementation) and ready-made {@link dev.keelson.controller.cache.Indexers}.
 */
package dev.keelson.controller.cache;

/**
 * The store: a revisioned, ordered key-value store with watch, modelled on etcd.
 *
 * <p>Open one with {@link dev.keelson.store.Stores#open(String)}; backends ({@code memory:}, {@code
 * file:<dir>}, {@code etcd://host:port}) are discovered through {@code ServiceLoader} as {@link
 * dev.keelson.store.spi.StoreProvider}s.
 *
 * <p>The model is etcd's: a flat key space of byte strings ordered as unsigned bytes; one global
 * revision that every committed write increments by exactly one; every key carries its create
 * revision, mod revision and version; conditional writes compare revisions; watches start at a
 * revision and deliver the events of one revision together; compaction drops history below a
 * revision and reads or watches below it fail with {@link dev.keelson.store.CompactedException}.
 * All failures are subclasses of {@link dev.keelson.store.StoreException}, free of any transport
 * detail.
 */
package dev.keelson.store;

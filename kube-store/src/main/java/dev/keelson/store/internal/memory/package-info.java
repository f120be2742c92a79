/**
 * The embedded MVCC engine shared by the {@code memory:} and {@code file:} backends, and the {@code
 * memory:} backend itself.
 *
 * <p>{@link dev.keelson.store.internal.memory.MvccEngine} keeps, per key, an immutable chain of
 * versions in a {@code ConcurrentSkipListMap}, plus a revision-ordered history of commits for watch
 * replay. One writer at a time applies transactions (callers hold the write lock or are the single
 * writer thread); readers never lock: they read at the published revision and skip newer versions.
 * Lock order: the store's write lock, then the {@link dev.keelson.store.internal.memory.WatchHub}'s
 * monitor; never the reverse.
 */
package dev.keelson.store.internal.memory;

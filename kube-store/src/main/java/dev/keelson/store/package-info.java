/**
 * The store: a revisioned, ordered key-value store with watch, modelled on etcd. Backends (memory,
 * file, etcd) are chosen by URI through {@code ServiceLoader}.
 */
package dev.keelson.store;

/**
 * The {@code etcd://} store backend: a {@link dev.keelson.store.Store} on a real etcd v3 cluster
 * through jetcd.
 *
 * <p>{@link dev.keelson.store.internal.etcd.EtcdOptions} parses the URI ({@code
 * etcd://h1:2379,h2:2379?prefix=/cluster-a&user=..&password=..&cacert=..&cert=..&key=..}); {@link
 * dev.keelson.store.internal.etcd.EtcdStore} maps the store's operations one to one onto etcd's
 * (etcd revisions are the store's revisions); {@link dev.keelson.store.internal.etcd.EtcdWatch}
 * keeps a watch alive across reconnects and leader changes, delivering every revision exactly once;
 * {@link dev.keelson.store.internal.etcd.EtcdErrors} turns gRPC and jetcd failures into the store's
 * typed exceptions; {@link dev.keelson.store.internal.etcd.EtcdClients} builds the jetcd client (a
 * deadline on every call, keepalive, credentials, TLS).
 */
package dev.keelson.store.internal.etcd;

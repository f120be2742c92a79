/**
 * A test kit that runs real etcd processes: {@link dev.keelson.store.testing.etcd.EtcdCluster}
 * starts one or more members on free loopback ports with temporary data directories, finds the
 * leader, kills members with SIGKILL and cleans up. Published in kube-store's test-jar so that
 * other modules (the watch cache, the API server) test against the same etcd.
 */
package dev.keelson.store.testing.etcd;

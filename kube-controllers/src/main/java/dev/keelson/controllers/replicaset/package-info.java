/**
 * The ReplicaSet controller ({@link dev.keelson.controllers.replicaset.ReplicaSetController}):
 * keeps each ReplicaSet's pods at {@code spec.replicas}, as kube-controller-manager's.
 */
package dev.keelson.controllers.replicaset;

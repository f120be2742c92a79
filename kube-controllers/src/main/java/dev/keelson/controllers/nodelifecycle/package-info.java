/**
 * Node lifecycle: marks Nodes whose kubelet went silent as {@code Unknown} and taints them ({@link
 * dev.keelson.controllers.nodelifecycle.NodeLifecycleController}), and evicts the pods of Nodes
 * with {@code NoExecute} taints they do not tolerate ({@link
 * dev.keelson.controllers.nodelifecycle.TaintEvictionController}).
 */
package dev.keelson.controllers.nodelifecycle;

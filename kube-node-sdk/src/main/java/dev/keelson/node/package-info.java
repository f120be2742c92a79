/**
 * The node agent (kubelet): {@link dev.keelson.node.NodeAgent} registers its Node, keeps its Lease
 * and status fresh, and runs the pods bound to it on a {@link
 * dev.keelson.node.spi.ContainerRuntime} ({@code simulated} here, containerd over CRI later),
 * reporting pod status as kubelet does. Pods come from a {@link dev.keelson.node.PodSource} (a
 * watch of this node's pods by default).
 */
package dev.keelson.node;

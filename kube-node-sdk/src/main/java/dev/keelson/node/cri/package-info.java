/**
 * The {@code cri} container runtime: a CRI v1 gRPC client over a unix socket that drives a real
 * runtime such as containerd (sandbox, containers, status, logs, exec, images). Find it with {@code
 * ContainerRuntimes.load("cri", new RuntimeContext(node, clock,
 * "unix:///run/containerd/containerd.sock"))} or {@link dev.keelson.node.cri.CriRuntime#connect}.
 */
package dev.keelson.node.cri;

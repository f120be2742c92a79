/**
 * A real containerd for tests and benchmarks ({@link dev.keelson.node.cri.testing.Containerd}):
 * started from Debian's package with its own config, socket and directories, with a busybox image
 * built in Java and imported as both the sandbox image and the containers' image.
 */
package dev.keelson.node.cri.testing;

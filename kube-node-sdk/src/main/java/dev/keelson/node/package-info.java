/**
 * The node agent (kubelet): pod lifecycle over a container-runtime SPI, with a simulated runtime
 * and containerd over CRI. (Not built yet: see the project's issues.)
 */
package dev.keelson.node;

/**
 * The node network daemon SPI (flannel's role): a {@link dev.keelson.net.daemon.NodeNetworkDaemon}
 * runs on every node and makes the other nodes' pod CIDRs reachable from it. Providers ({@link
 * dev.keelson.net.daemon.NodeNetworkProvider}) are found by name through {@link
 * java.util.ServiceLoader} ({@link dev.keelson.net.daemon.NodeNetworkDaemons}): {@code host-gw}
 * (routes via the nodes' addresses).
 */
package dev.keelson.net.daemon;

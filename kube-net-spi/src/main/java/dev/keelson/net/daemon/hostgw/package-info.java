/**
 * The {@code host-gw} node network daemon (flannel's host-gw backend): every other node's pod CIDR
 * is routed via that node's InternalIP, so nodes must share a layer-2 network.
 */
package dev.keelson.net.daemon.hostgw;

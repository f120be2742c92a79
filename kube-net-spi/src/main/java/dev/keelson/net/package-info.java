/**
 * Network SPIs and backends: CNI plugin execution, service proxy (iptables, nftables, ipvs),
 * cluster DNS and the node network daemon. (Not built yet: see the project's issues.)
 */
package dev.keelson.net;

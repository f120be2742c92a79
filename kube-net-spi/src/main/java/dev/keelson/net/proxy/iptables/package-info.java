/**
 * The {@code iptables} service-proxy backend: kube-proxy's iptables chain structure, applied with
 * one {@code iptables-restore --noflush} per sync (atomic per table).
 */
package dev.keelson.net.proxy.iptables;

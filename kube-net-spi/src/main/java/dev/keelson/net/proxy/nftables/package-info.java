/**
 * The {@code nftables} service-proxy backend: one table ({@code ip kube-proxy}) with verdict maps
 * from service IP, protocol and port to per-service chains, applied with {@code nft -f -}; later
 * syncs change only the chains and map elements of the services that changed.
 */
package dev.keelson.net.proxy.nftables;

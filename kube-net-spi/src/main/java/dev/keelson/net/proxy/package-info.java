/**
 * The service proxy (kube-proxy): the SPI ({@link dev.keelson.net.proxy.ServiceProxy}, found by
 * name through {@link dev.keelson.net.proxy.ServiceProxies}), the data-plane-neutral model of what
 * to program ({@link dev.keelson.net.proxy.ProxyState}, built from Services and EndpointSlices),
 * and the loop that feeds a backend from informers with rate-limited syncs ({@link
 * dev.keelson.net.proxy.ServiceProxyRunner}). Backends: {@code iptables}, {@code nftables}, {@code
 * none}.
 */
package dev.keelson.net.proxy;

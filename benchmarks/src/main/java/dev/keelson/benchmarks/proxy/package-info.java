/** Service-proxy benchmarks: sync time of the iptables and nftables backends. */
package dev.keelson.benchmarks.proxy;

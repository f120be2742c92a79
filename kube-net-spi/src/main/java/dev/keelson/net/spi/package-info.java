/**
 * The pod network SPI the node agent calls: {@link dev.keelson.net.spi.PodNetwork} sets up and
 * tears down a pod sandbox's network and answers its IPs. Providers ({@link
 * dev.keelson.net.spi.PodNetworkProvider}) are found by name through {@link
 * java.util.ServiceLoader}: {@code host} (built in: no network of its own) and {@code cni} ({@link
 * dev.keelson.net.cni.CniPodNetwork}).
 */
package dev.keelson.net.spi;

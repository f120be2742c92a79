/**
 * CNI (Container Network Interface, spec 1.0 with the 1.1 STATUS verb) plugin execution: {@link
 * dev.keelson.net.cni.CniRuntime} runs network configuration lists ({@link
 * dev.keelson.net.cni.NetworkConfigList}) against a container's network namespace ({@link
 * dev.keelson.net.cni.CniAttachment}) by executing plugin binaries from configured directories.
 *
 * <p>ADD runs the plugins in order, chaining {@code prevResult}, and caches the final result on
 * disk per network, container and interface; DEL runs them in reverse order with the cached result;
 * CHECK runs them in order with it. Plugin results parse into {@link
 * dev.keelson.net.cni.CniResult}; plugin errors and runtime-side failures are {@link
 * dev.keelson.net.cni.CniException}s carrying the spec's error codes ({@link
 * dev.keelson.net.cni.CniErrorCode}).
 *
 * <p>{@link dev.keelson.net.cni.CniPodNetwork} is the {@code cni} pod network provider (SPI {@link
 * dev.keelson.net.spi.PodNetwork}) built on the runtime.
 */
package dev.keelson.net.cni;

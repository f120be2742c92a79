/**
 * The container-runtime SPI, shaped after CRI ({@code runtime.v1} RuntimeService and ImageService)
 * so that a CRI runtime is a thin mapping: sandboxes, containers, exec, images, logs, plus the
 * {@link dev.keelson.node.spi.Prober} the agent's probe workers call. Providers are found by name
 * through {@link java.util.ServiceLoader} ({@link dev.keelson.node.spi.ContainerRuntimes}): {@code
 * simulated} here, {@code cri} later.
 */
package dev.keelson.node.spi;

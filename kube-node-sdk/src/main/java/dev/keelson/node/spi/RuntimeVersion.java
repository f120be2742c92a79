package dev.keelson.node.spi;

/**
 * CRI {@code VersionResponse}.
 *
 * @param runtimeName e.g. {@code containerd}, {@code simulated}
 * @param runtimeVersion the runtime's own version
 * @param runtimeApiVersion the CRI version spoken, {@code v1}
 */
public record RuntimeVersion(String runtimeName, String runtimeVersion, String runtimeApiVersion) {}

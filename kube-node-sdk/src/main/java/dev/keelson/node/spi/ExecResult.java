package dev.keelson.node.spi;

/** CRI {@code ExecSyncResponse}. */
public record ExecResult(byte[] stdout, byte[] stderr, int exitCode) {}

package dev.keelson.node.spi;

/** CRI {@code PodSandboxState}. */
public enum SandboxState {
  /** SANDBOX_READY. */
  READY,
  /** SANDBOX_NOTREADY (stopped). */
  NOT_READY
}

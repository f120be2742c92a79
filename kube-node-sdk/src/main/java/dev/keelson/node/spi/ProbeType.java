package dev.keelson.node.spi;

/** The three container probes. */
public enum ProbeType {
  /** Restarts the container on failure. */
  LIVENESS,
  /** Clears Ready on failure. */
  READINESS,
  /** Gates the other two until it succeeds. */
  STARTUP
}

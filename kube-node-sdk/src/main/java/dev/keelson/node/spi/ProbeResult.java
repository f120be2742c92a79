package dev.keelson.node.spi;

/** The outcome of one probe run. */
public enum ProbeResult {
  /** The check passed (exec exit 0, HTTP 200-399, TCP connect, gRPC SERVING). */
  SUCCESS,
  /** The check failed or timed out. */
  FAILURE,
  /** The probe could not run (counts as neither; kubelet logs it and keeps the last result). */
  UNKNOWN
}

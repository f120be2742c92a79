package dev.keelson.node.cri;

import io.grpc.Status;

/** A CRI call that failed for a reason other than NotFound: the method and the gRPC status. */
public class CriException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;

  /** An error of CRI method {@code method} that ended with {@code status}. */
  public CriException(String method, Status status) {
    super(
        "CRI "
            + method
            + " failed: rpc error: code = "
            + status.getCode()
            + " desc = "
            + status.getDescription(),
        status.getCause());
    this.status = status;
  }

  /** The gRPC status the runtime answered (DEADLINE_EXCEEDED when the call's deadline passed). */
  public Status status() {
    return status;
  }
}

package dev.keelson.net.spi;

/** A pod network operation that failed; the message is shown in the pod's events and status. */
public class PodNetworkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public PodNetworkException(String message) {
    super(message);
  }

  /** An error with a message and a cause. */
  public PodNetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}

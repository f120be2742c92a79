package dev.keelson.net.proxy;

/** A data plane refused a change, or a backend could not run. */
public class ProxyException extends RuntimeException {
  /** With a message. */
  public ProxyException(String message) {
    super(message);
  }

  /** With a message and a cause. */
  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.keelson.client.config;

/** A kubeconfig is missing, unreadable or invalid; the message names the file and the field. */
public class KubeconfigException extends RuntimeException {
  public KubeconfigException(String message) {
    super(message);
  }

  public KubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.keelson.node.internal;

/** A node server request refused before any answer was written: an HTTP code and kubelet's text. */
public final class NodeRequestException extends RuntimeException {
  private final int code;

  /** A refusal with HTTP {@code code} and {@code message}. */
  public NodeRequestException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The HTTP status code. */
  public int code() {
    return code;
  }
}

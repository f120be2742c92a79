package dev.keelson.controller.reconcile;

/**
 * A reconcile failure that retrying will not fix (invalid user input, an unsupported setting): the
 * controller logs it, resets the request's backoff and does not requeue it; the next event for the
 * object queues it again.
 */
public class TerminalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A terminal failure with a message. */
  public TerminalException(String message) {
    super(message);
  }

  /** A terminal failure with a message and a cause. */
  public TerminalException(String message, Throwable cause) {
    super(message, cause);
  }
}

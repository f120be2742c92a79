package dev.keelson.node.spi;

/** A sandbox, container or image id the runtime does not know (CRI's NotFound). */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error naming what was not found. */
  public NotFoundException(String message) {
    super(message);
  }
}

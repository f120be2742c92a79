package dev.keelson.store;

/**
 * A conditional write expected a mod revision the key no longer has (optimistic concurrency lost).
 * Nothing was written; read the key again and retry.
 */
public class ConflictException extends StoreException {
  private final byte[] key;
  private final long expectedModRevision;
  private final long actualModRevision;

  public ConflictException(byte[] key, long expectedModRevision, long actualModRevision) {
    super(
        "conflict on "
            + Keys.printable(key)
            + ": expected mod revision "
            + expectedModRevision
            + ", actual "
            + actualModRevision);
    this.key = key.clone();
    this.expectedModRevision = expectedModRevision;
    this.actualModRevision = actualModRevision;
  }

  public byte[] key() {
    return key.clone();
  }

  public long expectedModRevision() {
    return expectedModRevision;
  }

  /** The key's mod revision when the write was refused. */
  public long actualModRevision() {
    return actualModRevision;
  }
}

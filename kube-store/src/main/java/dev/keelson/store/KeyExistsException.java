package dev.keelson.store;

/** A create named a key that already exists. Nothing was written. */
public class KeyExistsException extends StoreException {
  private final byte[] key;
  private final long modRevision;

  public KeyExistsException(byte[] key, long modRevision) {
    super("key already exists: " + Keys.printable(key) + " (mod revision " + modRevision + ")");
    this.key = key.clone();
    this.modRevision = modRevision;
  }

  public byte[] key() {
    return key.clone();
  }

  /** The existing key's mod revision. */
  public long modRevision() {
    return modRevision;
  }
}

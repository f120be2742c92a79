package dev.keelson.store;

/** A conditional update or delete named a key that does not exist. Nothing was written. */
public class KeyNotFoundException extends StoreException {
  private final byte[] key;

  public KeyNotFoundException(byte[] key) {
    super("key not found: " + Keys.printable(key));
    this.key = key.clone();
  }

  public byte[] key() {
    return key.clone();
  }
}

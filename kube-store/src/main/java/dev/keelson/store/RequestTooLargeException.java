package dev.keelson.store;

/**
 * A request's keys and values together exceed the store's limit (by default etcd's 1.5 MiB,
 * 1,572,864 bytes). Nothing was written.
 */
public class RequestTooLargeException extends StoreException {
  private final long size;
  private final long limit;

  public RequestTooLargeException(long size, long limit) {
    super("request of " + size + " bytes exceeds the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}

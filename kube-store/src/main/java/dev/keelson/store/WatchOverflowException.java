package dev.keelson.store;

/**
 * Ends a watch whose listener fell further behind than its bounded buffer allows. Resume with a new
 * watch from {@code lastDeliveredRevision + 1}.
 */
public class WatchOverflowException extends StoreException {
  private final long lastDeliveredRevision;

  public WatchOverflowException(int capacity, long lastDeliveredRevision) {
    super(
        "watch buffer of "
            + capacity
            + " events overflowed; last revision delivered: "
            + lastDeliveredRevision);
    this.lastDeliveredRevision = lastDeliveredRevision;
  }

  /** The last revision whose events were all delivered (0 if none). */
  public long lastDeliveredRevision() {
    return lastDeliveredRevision;
  }
}

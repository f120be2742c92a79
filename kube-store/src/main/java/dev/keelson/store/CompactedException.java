package dev.keelson.store;

/**
 * A read or watch asked for a revision older than the compacted revision: that history is gone.
 * Callers re-list at the current revision (Kubernetes answers 410 Gone, reason {@code Expired}).
 */
public class CompactedException extends StoreException {
  private final long requestedRevision;
  private final long compactedRevision;
  private final long currentRevision;

  public CompactedException(long requestedRevision, long compactedRevision, long currentRevision) {
    super(
        "revision "
            + requestedRevision
            + " has been compacted (compacted revision "
            + compactedRevision
            + ", current revision "
            + currentRevision
            + ")");
    this.requestedRevision = requestedRevision;
    this.compactedRevision = compactedRevision;
    this.currentRevision = currentRevision;
  }

  public long requestedRevision() {
    return requestedRevision;
  }

  /** The oldest revision still readable. */
  public long compactedRevision() {
    return compactedRevision;
  }

  /** The store's revision when the request failed. */
  public long currentRevision() {
    return currentRevision;
  }
}

package dev.keelson.net.proxy;

/**
 * When a backend that syncs partially must rewrite everything instead: the first sync, the sync
 * after a failure (the data plane's state is then unknown), and every {@code every}-th sync (as
 * kube-proxy's periodic full sync repairs what others changed). Thread-safe.
 */
public final class FullSyncSchedule {
  private final int every;
  private int partialsSinceFull;
  private boolean needFull = true;

  /** A schedule with a full sync at least every {@code every} syncs (1: every sync is full). */
  public FullSyncSchedule(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1");
    }
    this.every = every;
  }

  /** Whether the coming sync must be full. */
  public synchronized boolean nextIsFull() {
    return needFull || partialsSinceFull + 1 >= every;
  }

  /** Records a successful sync. */
  public synchronized void succeeded(boolean full) {
    if (full) {
      partialsSinceFull = 0;
      needFull = false;
    } else {
      partialsSinceFull++;
    }
  }

  /** Records a failed sync: the next one is full. */
  public synchronized void failed() {
    needFull = true;
  }
}

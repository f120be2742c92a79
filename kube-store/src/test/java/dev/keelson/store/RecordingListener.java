package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A watch listener that records every call, for tests; waits with deadlines. */
public final class RecordingListener implements WatchListener {
  private final List<List<WatchEvent>> calls = new ArrayList<>();
  // Progress calls: the revision, and how many events had arrived before it.
  private final List<long[]> progress = new ArrayList<>();

  @Override
  public synchronized void onEvents(List<WatchEvent> events) {
    calls.add(List.copyOf(events));
    notifyAll();
  }

  @Override
  public synchronized void onProgress(long revision) {
    progress.add(new long[] {revision, events().size()});
    notifyAll();
  }

  /**
   * Calls {@code request} every 50 ms until a progress call with a revision of at least {@code
   * revision} arrives (a store may ignore requests while its watch is being set up); answers that
   * call as {revision, number of events received before it}.
   */
  public synchronized long[] awaitProgress(long revision, Duration timeout, Runnable request)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (long[] p : progress) {
        if (p[0] >= revision) {
          return p.clone();
        }
      }
      long left = deadline - System.nanoTime();
      assertThat(left).as("timed out waiting for progress at %d", revision).isPositive();
      request.run();
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
  }

  /** Every event received so far, in order. */
  public synchronized List<WatchEvent> events() {
    List<WatchEvent> all = new ArrayList<>();
    calls.forEach(all::addAll);
    return all;
  }

  /** Every call received so far. */
  public synchronized List<List<WatchEvent>> calls() {
    return List.copyOf(calls);
  }

  /** Waits until at least {@code n} events arrived, failing after {@code timeout}. */
  public synchronized List<WatchEvent> awaitEvents(int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events().size() < n) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("timed out waiting for %d events, got %s", n, events()).isPositive();
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return events();
  }
}

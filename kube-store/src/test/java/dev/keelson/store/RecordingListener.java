package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A watch listener that records every call, for tests; waits with deadlines. */
public final class RecordingListener implements WatchListener {
  private final List<List<WatchEvent>> calls = new ArrayList<>();

  @Override
  public synchronized void onEvents(List<WatchEvent> events) {
    calls.add(List.copyOf(events));
    notifyAll();
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

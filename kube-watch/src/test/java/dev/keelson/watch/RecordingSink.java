package dev.keelson.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink that records every event and lets tests wait for conditions with a deadline. */
final class RecordingSink implements EventSink {
  private final List<Event> events = new ArrayList<>();

  @Override
  public synchronized void accept(Event event) {
    events.add(event);
    notifyAll();
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Waits until {@code condition} holds for the events received, failing after {@code timeout}. */
  synchronized List<Event> awaitUntil(Predicate<List<Event>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(events)) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("timed out; events so far: %s", events).isPositive();
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(events);
  }

  /** Waits for an event at or beyond {@code revision} (or an ERROR). */
  List<Event> awaitRevision(long revision, Duration timeout) throws InterruptedException {
    return awaitUntil(
        es ->
            es.stream()
                .anyMatch(e -> e.type() == EventType.ERROR || e.resourceVersion() >= revision),
        timeout);
  }

  /** Waits for {@code n} events. */
  List<Event> awaitCount(int n, Duration timeout) throws InterruptedException {
    return awaitUntil(es -> es.size() >= n, timeout);
  }
}

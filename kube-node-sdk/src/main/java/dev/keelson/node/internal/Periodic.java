package dev.keelson.node.internal;

import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking task every {@code period} of a {@link Clock}, on a virtual thread; ticks that
 * come while a run is going coalesce into one more run after it. The timer is re-armed before the
 * run starts, so the cadence follows the clock, not the run's length.
 */
final class Periodic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

  private final Clock clock;
  private final Duration period;
  private final Runnable task;
  private final String name;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private Clock.Timer timer;
  private boolean closed;

  Periodic(Clock clock, Duration period, String name, Runnable task) {
    this.clock = clock;
    this.period = period;
    this.name = name;
    this.task = task;
  }

  synchronized void start() {
    timer = clock.schedule(period, this::tick);
  }

  private void tick() {
    synchronized (this) {
      if (closed) {
        return;
      }
      timer = clock.schedule(period, this::tick);
    }
    again.set(true);
    if (running.compareAndSet(false, true)) {
      Thread.ofVirtual().name(name).start(this::runWhileDue);
    }
  }

  /** Runs the task until no tick came in meanwhile (ticks during a run coalesce into one rerun). */
  private void runWhileDue() {
    while (true) {
      while (again.getAndSet(false)) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("{} failed: {}", name, e.toString());
        }
      }
      running.set(false);
      if (!again.get() || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.cancel();
    }
  }
}

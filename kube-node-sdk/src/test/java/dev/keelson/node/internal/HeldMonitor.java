package dev.keelson.node.internal;

import java.util.concurrent.CountDownLatch;

/** Another thread holding an object's monitor until closed: a sync in progress, say. */
final class HeldMonitor implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread holder;

  private HeldMonitor(Object monitor) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    holder =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (monitor) {
                    held.countDown();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                });
    held.await();
  }

  /** Returns once another thread holds {@code monitor}'s monitor. */
  static HeldMonitor of(Object monitor) throws InterruptedException {
    return new HeldMonitor(monitor);
  }

  /** Lets the monitor go and waits for the holding thread to end. */
  @Override
  public void close() throws InterruptedException {
    release.countDown();
    holder.join();
  }
}

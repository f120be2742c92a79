package dev.keelson.store.internal.file;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Completes the futures of asynchronous writes on its own thread, so that whatever callers chained
 * to them never runs on (or stalls) the log writer. The writer hands over one list per group commit
 * through a bounded queue and blocks when the acknowledger is that far behind.
 */
final class Acknowledger {
  private static final int CAPACITY = 64;
  private static final List<Runnable> STOP = List.of();

  private final BlockingQueue<List<Runnable>> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;

  Acknowledger(String name) {
    this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Queues {@code acks} (run in order); blocks while {@link #CAPACITY} lists are queued. */
  void hand(List<Runnable> acks) throws InterruptedException {
    queue.put(acks);
  }

  /** Runs what was handed over, then ends the thread; idempotent. */
  void close() {
    if (!thread.isAlive()) {
      return;
    }
    try {
      queue.put(STOP);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (true) {
        List<Runnable> acks = queue.take();
        if (acks == STOP) {
          return;
        }
        for (Runnable ack : acks) {
          try {
            ack.run();
          } catch (RuntimeException e) {
            // A caller's dependent action failed; its own future carries that, nothing to do here.
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

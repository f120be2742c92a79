package dev.keelson.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Many producers and workers on one queue: every add is followed by a processing of its key that
 * starts after it, and no key is ever processed by two workers at once.
 */
class WorkQueueConcurrencyTest {
  private static final int KEYS = 64;
  private static final int PRODUCERS = 4;
  private static final int WORKERS = 4;
  private static final int ADDS_PER_PRODUCER = 20_000;

  @Test
  void everyAddIsProcessedAndNoKeyIsProcessedConcurrently() throws Exception {
    WorkQueue<Integer> queue = WorkQueue.create();
    AtomicIntegerArray version = new AtomicIntegerArray(KEYS); // bumped before each add
    AtomicIntegerArray seen = new AtomicIntegerArray(KEYS); // version a worker saw at its start
    Set<Integer> inProgress = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger processed = new AtomicInteger();

    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Integer k;
                      while ((k = queue.get()) != null) {
                        try {
                          if (!inProgress.add(k)) {
                            overlaps.incrementAndGet();
                          }
                          seen.accumulateAndGet(k, version.get(k), Math::max);
                          processed.incrementAndGet();
                          if (ThreadLocalRandom.current().nextInt(8) == 0) {
                            Thread.yield();
                          }
                          inProgress.remove(k);
                        } finally {
                          queue.done(k);
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      producers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < ADDS_PER_PRODUCER; i++) {
                      int k = r.nextInt(KEYS);
                      version.incrementAndGet(k);
                      assertThat(queue.add(k)).isTrue();
                    }
                  }));
    }
    for (Thread t : producers) {
      t.join();
    }
    assertThat(queue.shutDownWithDrain(java.time.Duration.ofSeconds(30))).isTrue();
    for (Thread t : workers) {
      t.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(t.isAlive()).isFalse();
    }

    assertThat(overlaps.get()).as("a key processed by two workers at once").isZero();
    for (int k = 0; k < KEYS; k++) {
      assertThat(seen.get(k)).as("key %d: its last add was processed", k).isEqualTo(version.get(k));
    }
    assertThat(processed.get())
        .as("dedup: fewer passes than adds")
        .isLessThanOrEqualTo(PRODUCERS * ADDS_PER_PRODUCER)
        .isGreaterThanOrEqualTo(KEYS);
  }
}

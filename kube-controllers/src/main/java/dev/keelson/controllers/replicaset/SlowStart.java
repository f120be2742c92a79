package dev.keelson.controllers.replicaset;

import dev.keelson.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kubernetes' {@code slowStartBatch}: runs a call {@code count} times in batches of 1, 2, 4, ...
 * (each batch in parallel), stopping after the first batch with a failure, so that a create that
 * keeps failing (a quota, an admission webhook) is tried a few times rather than {@code count}.
 */
final class SlowStart {
  private SlowStart() {}

  /** How many calls succeeded and the first failure, if any. */
  record Outcome(int successes, ApiException error) {}

  static Outcome run(int count, Runnable call) {
    int successes = 0;
    int remaining = count;
    for (int batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
      AtomicInteger ok = new AtomicInteger();
      AtomicReference<ApiException> error = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        call.run();
                        ok.incrementAndGet();
                      } catch (ApiException e) {
                        error.compareAndSet(null, e);
                      }
                    }));
      }
      joinAll(threads);
      successes += ok.get();
      if (error.get() != null) {
        return new Outcome(successes, error.get());
      }
      remaining -= batch;
    }
    return new Outcome(successes, null);
  }

  static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.keelson.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The default asynchronous writes of {@link Store}: run now, report through a future. */
final class Async {
  private Async() {}

  /** Runs {@code call} on this thread; its result or exception completes the returned future. */
  static <T> CompletableFuture<T> call(Supplier<T> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}

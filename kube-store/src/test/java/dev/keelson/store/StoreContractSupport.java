package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the store contract: opening stores, a per-test key prefix, waiting with
 * deadlines. Backends extend {@link StoreContractTest}, not this class.
 */
public abstract class StoreContractSupport {
  /** Generous deadline for anything asynchronous; tests wait on conditions, never sleep. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<Store> opened = new CopyOnWriteArrayList<>();
  protected Store store;
  protected String prefix;

  /**
   * Opens a fresh store of the backend under test. {@code customizer} adjusts the configuration
   * (request limit, watch buffer, ...); the implementation supplies the URI.
   */
  protected abstract Store newStore(Consumer<StoreConfig.Builder> customizer) throws Exception;

  /** Opens a fresh store with default settings. */
  protected Store newStore() throws Exception {
    return track(newStore(b -> {}));
  }

  private Store track(Store s) {
    opened.add(s);
    return s;
  }

  protected Store newStoreWith(Consumer<StoreConfig.Builder> customizer) throws Exception {
    return track(newStore(customizer));
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
    prefix = "/registry/test/" + UUID.randomUUID() + "/";
  }

  @AfterEach
  void closeStores() {
    opened.forEach(Store::close);
  }

  protected byte[] key(String name) {
    return (prefix + name).getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for: %s", what).isLessThan(deadline);
      Thread.onSpinWait();
      Thread.sleep(1); // polling interval, not a guess at timing: the deadline decides
    }
  }

  protected static Throwable terminationCause(Watch watch) throws Exception {
    try {
      watch.terminated().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

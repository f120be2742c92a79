package dev.keelson.store.spi;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import java.util.Optional;

/**
 * Makes stores for one URI scheme. Register implementations in {@code
 * META-INF/services/dev.keelson.store.spi.StoreProvider}; {@link dev.keelson.store.Stores} picks
 * one by scheme and fails loudly if two claim the same scheme.
 *
 * <p>Every implementation's store must pass the shared contract test suite ({@code
 * StoreContractTest} in kube-store's test-jar).
 */
public interface StoreProvider {
  /** The URI scheme served, lower case, without the colon: {@code "memory"}, {@code "etcd"}. */
  String scheme();

  /** Why this provider cannot run here, or empty when it can. */
  default Optional<String> unavailabilityReason() {
    return Optional.empty();
  }

  /**
   * Opens a store.
   *
   * @throws dev.keelson.store.InvalidStoreUriException if the URI or its options are invalid
   * @throws dev.keelson.store.UnavailableException if the backend cannot be reached or opened
   */
  Store open(StoreConfig config);
}

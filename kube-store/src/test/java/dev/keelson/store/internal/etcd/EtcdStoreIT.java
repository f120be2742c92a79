package dev.keelson.store.internal.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.StoreContractTest;
import dev.keelson.store.Stores;
import dev.keelson.store.testing.etcd.EtcdCluster;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared store contract against a real single-member etcd started for this class. Every store
 * opened by a test gets its own random key prefix, so the tests also prove that prefixes isolate
 * stores sharing one etcd.
 */
class EtcdStoreIT extends StoreContractTest {
  private static EtcdCluster etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
    etcd = EtcdCluster.start(1);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Store newStore(Consumer<StoreConfig.Builder> customizer) {
    StoreConfig.Builder config =
        StoreConfig.builder(etcd.storeUri("/keelson-it/" + UUID.randomUUID()));
    customizer.accept(config);
    return Stores.open(config.build());
  }
}

package dev.keelson.watch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import dev.keelson.store.testing.etcd.EtcdCluster;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The watch cache on a real single-member etcd started for this class; each test's store gets its
 * own key prefix. Skipped, visibly, when etcd is not installed.
 */
class EtcdWatchCacheIT extends WatchCacheContractTest {
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
  protected Store newStore() {
    return Stores.open(etcd.storeUri("/keelson-watch-it/" + UUID.randomUUID()));
  }

  @Override
  protected int concurrentWrites() {
    return 800;
  }
}

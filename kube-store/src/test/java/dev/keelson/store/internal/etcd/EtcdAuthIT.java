package dev.keelson.store.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.testing.etcd.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** etcd with authentication enabled: credentials from the URI or from StoreConfig. */
class EtcdAuthIT {

  private static ByteSequence bs(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Test
  void credentialsAreUsedAndMissingOrWrongOnesFailTyped() throws Exception {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
    try (EtcdCluster etcd = EtcdCluster.start(1)) {
      try (Client admin =
          Client.builder().endpoints(etcd.members().getFirst().clientUrl()).build()) {
        admin.getAuthClient().userAdd(bs("root"), bs("r00t&pw")).get(30, TimeUnit.SECONDS);
        admin.getAuthClient().userGrantRole(bs("root"), bs("root")).get(30, TimeUnit.SECONDS);
        admin.getAuthClient().authEnable().get(30, TimeUnit.SECONDS);
      }
      String uri = etcd.storeUri("/auth");

      try (Store store = Stores.open(uri + "&user=root&password=r00t%26pw")) {
        long r = store.put("/k".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        assertThat(store.get("/k".getBytes(StandardCharsets.UTF_8)).orElseThrow().modRevision())
            .isEqualTo(r);

        // etcd forgets every token when authentication is turned off and on again: the store's
        // token is then refused as invalid, and the store gets a new one for the next calls.
        try (Client root =
            Client.builder()
                .endpoints(etcd.members().getFirst().clientUrl())
                .user(bs("root"))
                .password(bs("r00t&pw"))
                .build()) {
          root.getAuthClient().authDisable().get(30, TimeUnit.SECONDS);
        }
        try (Client admin =
            Client.builder().endpoints(etcd.members().getFirst().clientUrl()).build()) {
          admin.getAuthClient().authEnable().get(30, TimeUnit.SECONDS);
        }
        long again = store.put("/k".getBytes(StandardCharsets.UTF_8), new byte[] {2});
        assertThat(again).isGreaterThan(r);
        assertThat(store.get("/k".getBytes(StandardCharsets.UTF_8)).orElseThrow().value())
            .containsExactly(2);
      }
      try (Store store =
          Stores.open(
              StoreConfig.builder(uri)
                  .credentials(new StoreConfig.Credentials("root", "r00t&pw"))
                  .build())) {
        assertThat(store.get("/k".getBytes(StandardCharsets.UTF_8))).isPresent();
      }

      StoreConfig wrong =
          StoreConfig.builder(uri + "&user=root&password=nope")
              .requestTimeout(Duration.ofSeconds(2))
              .build();
      assertThatThrownBy(() -> Stores.open(wrong))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageNotContaining("nope");
      StoreConfig none = StoreConfig.builder(uri).requestTimeout(Duration.ofSeconds(2)).build();
      assertThatThrownBy(() -> Stores.open(none)).isInstanceOf(UnavailableException.class);
    }
  }
}

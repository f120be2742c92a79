package dev.keelson.apiserver.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.store.Compare;
import dev.keelson.store.Op;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import dev.keelson.store.Txn;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Store latency under kube-apiserver's name, operations and types. */
class StoreMetricsTest {
  private final StoreMetrics metrics = new StoreMetrics(Set.of("pods", "services")::contains);

  @Test
  void keysMapToGroupResources() {
    assertThat(metrics.typeOf("/registry/pods/default/p".getBytes(UTF_8))).isEqualTo("pods");
    assertThat(metrics.typeOf("/registry/apps/deployments/default/d".getBytes(UTF_8)))
        .isEqualTo("deployments.apps");
    assertThat(metrics.typeOf("/registry/apps/deployments/".getBytes(UTF_8)))
        .isEqualTo("deployments.apps");
    assertThat(metrics.typeOf("/registry/ranges/serviceips".getBytes(UTF_8))).isEqualTo("ranges");
    assertThat(metrics.typeOf("/elsewhere".getBytes(UTF_8))).isEqualTo("unknown");
  }

  @Test
  void transactionsAreNamedByWhatTheyDo() {
    byte[] k = "/registry/pods/a/b".getBytes(UTF_8);
    assertThat(StoreMetrics.operationOf(Txn.when(Compare.absent(k)).then(Op.put(k, k))))
        .isEqualTo("create");
    assertThat(
            StoreMetrics.operationOf(Txn.when(Compare.modRevisionEquals(k, 3)).then(Op.put(k, k))))
        .isEqualTo("update");
    assertThat(
            StoreMetrics.operationOf(Txn.when(Compare.modRevisionEquals(k, 3)).then(Op.delete(k))))
        .isEqualTo("delete");
  }

  @Test
  void everyCallIsObserved() {
    try (Store store = metrics.measure(Stores.open("memory:"))) {
      byte[] k = "/registry/apps/deployments/a/b".getBytes(UTF_8);
      long rev = store.create(k, "{}".getBytes(UTF_8));
      store.get(k);
      store.update(k, "{}".getBytes(UTF_8), rev);
      store.count("/registry/apps/deployments/".getBytes(UTF_8));
      StringBuilder out = new StringBuilder();
      metrics.render(out);
      assertThat(out.toString())
          .contains("# TYPE etcd_request_duration_seconds histogram")
          .contains(
              "etcd_request_duration_seconds_count{operation=\"create\",type=\"deployments.apps\"} 1")
          .contains(
              "etcd_request_duration_seconds_count{operation=\"get\",type=\"deployments.apps\"} 1")
          .contains(
              "etcd_request_duration_seconds_count{operation=\"update\",type=\"deployments.apps\"} 1")
          .contains(
              "etcd_request_duration_seconds_count{operation=\"count\",type=\"deployments.apps\"} 1")
          .contains(
              "etcd_request_duration_seconds_bucket{operation=\"get\",type=\"deployments.apps\","
                  + "le=\"60.0\"} 1");
    }
  }
}

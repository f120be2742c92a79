package dev.keelson.store.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.RequestTooLargeException;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchRequest;
import dev.keelson.store.testing.etcd.EtcdCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Unreachable and lost etcd: typed errors within bounded time, never a hang. */
class EtcdFailureIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** The request timeout plus jetcd's scheduling slack, with room for a slow CI machine. */
  private static final Duration BOUND = Duration.ofSeconds(6);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void openingAnUnreachableEtcdFailsTypedWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    long started = System.nanoTime();
    assertThatThrownBy(() -> Stores.open("etcd://127.0.0.1:" + port + "?timeout=1s"))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
  }

  @Test
  void losingEtcdFailsCallsAndWatchesTypedWithinBoundedTime() throws Exception {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
    try (EtcdCluster etcd = EtcdCluster.start(1);
        Store store =
            Stores.open(
                StoreConfig.builder(etcd.storeUri("/lost")).requestTimeout(TIMEOUT).build())) {
      store.put(bytes("/a"), bytes("1"));
      Watch watch = store.watch(WatchRequest.prefix("/"), events -> {});

      etcd.members().getFirst().kill();

      long started = System.nanoTime();
      assertThatThrownBy(() -> store.put(bytes("/a"), bytes("2")))
          .isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> store.get(bytes("/a"))).isInstanceOf(UnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND.multipliedBy(2));

      // The watch gives up after three request timeouts without a working stream.
      assertThatThrownBy(() -> watch.terminated().toCompletableFuture().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(UnavailableException.class);

      // Size is checked before sending: the answer is "too large", not "unavailable".
      byte[] big = new byte[(int) StoreConfig.DEFAULT_MAX_REQUEST_BYTES];
      assertThatThrownBy(() -> store.put(bytes("/big"), big))
          .isInstanceOf(RequestTooLargeException.class);
    }
  }
}

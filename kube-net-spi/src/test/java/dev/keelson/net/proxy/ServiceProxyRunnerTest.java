package dev.keelson.net.proxy;

import static dev.keelson.net.proxy.ProxyFixtures.port;
import static dev.keelson.net.proxy.ProxyFixtures.ready;
import static dev.keelson.net.proxy.ProxyFixtures.service;
import static dev.keelson.net.proxy.ProxyFixtures.slice;
import static dev.keelson.net.proxy.ProxyFixtures.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The proxy loop against a real (in-process) API server, with a backend that records states. */
@KeelsonTest(perTest = true)
class ServiceProxyRunnerTest {
  private final List<ProxyState> synced = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();

  private final ServiceProxy recorder =
      new ServiceProxy() {
        @Override
        public SyncResult sync(ProxyState state) {
          if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProxyException("data plane said no");
          }
          synced.add(state);
          return new SyncResult(true, state.ports().size(), 0);
        }

        @Override
        public void close() {}
      };

  @Test
  void syncsTheClusterAfterTheInformersListedAndFollowsChanges(KubeClient client) throws Exception {
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "web", "10.96.1.1", port("http", "TCP", 80, null)));
    try (InformerFactory informers = InformerFactory.create(client);
        ServiceProxyRunner runner =
            ServiceProxyRunner.start(
                recorder, "IPv4", informers, Duration.ofMillis(50), Duration.ofMinutes(5))) {
      informers.start();
      await(() -> !synced.isEmpty());
      assertThat(synced.get(0).portsOf("default/web"))
          .as("the first sync already knows every Service")
          .singleElement()
          .satisfies(p -> assertThat(p.endpoints()).isEmpty());
      assertThat(synced.get(0).portsOf("default/kubernetes")).hasSize(1);

      client
          .resources(EndpointSlice.class)
          .inNamespace("default")
          .create(
              slice(
                  "default",
                  "web-1",
                  "web",
                  List.of(ready("10.1.0.1")),
                  slicePort("http", "TCP", 8080)));
      await(() -> synced.getLast().portsOf("default/web").get(0).endpoints().size() == 1);
      assertThat(runner.failures()).isZero();
    }
  }

  @Test
  void aBurstOfChangesIsOneSyncPerMinSyncPeriod(KubeClient client) throws Exception {
    try (InformerFactory informers = InformerFactory.create(client);
        ServiceProxyRunner runner =
            ServiceProxyRunner.start(
                recorder, "IPv4", informers, Duration.ofSeconds(1), Duration.ofMinutes(5))) {
      informers.start();
      await(() -> runner.syncs() == 1);
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        client
            .resources(Service.class)
            .inNamespace("default")
            .create(service("default", "s" + i, "10.96.2." + (i + 1), port("", "TCP", 80, null)));
      }
      await(() -> synced.getLast().ports().size() == 21);
      long syncs = runner.syncs() - 1;
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(syncs)
          .as("20 creates in %.1f s with at most one sync a second", seconds)
          .isLessThanOrEqualTo((long) Math.ceil(seconds) + 1);
    }
  }

  @Test
  void aFailedSyncIsRetried(KubeClient client) throws Exception {
    failNext.set(2);
    try (InformerFactory informers = InformerFactory.create(client);
        ServiceProxyRunner runner =
            ServiceProxyRunner.start(
                recorder, "IPv4", informers, Duration.ofMillis(20), Duration.ofMinutes(5))) {
      informers.start();
      await(() -> runner.syncs() == 1);
      assertThat(runner.failures()).isEqualTo(2);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Eventually.await("the proxy to follow the API server", Duration.ofSeconds(20), condition);
  }
}

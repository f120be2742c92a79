package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@KeelsonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeelsonTestPerClassTest {
  private static ApiServer first;
  private static FakeClock firstClock;

  @BeforeAll
  static void setUp(KubeClient client) {
    client
        .resources(ConfigMap.class)
        .inNamespace("default")
        .create(
            new ConfigMap(
                "v1", "ConfigMap", ObjectMeta.named("seed"), null, Map.of("k", "v"), null));
  }

  @Test
  @Order(1)
  void testsGetAClientOfARunningServer(KubeClient client, ApiServer server, FakeClock clock) {
    assertThat(server.url().getScheme()).isEqualTo("http");
    assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(client.resources(ConfigMap.class).inNamespace("default").get("seed").data())
        .containsEntry("k", "v");
    first = server;
    firstClock = clock;
    clock.advance(Duration.ofHours(1));
  }

  @Test
  @Order(2)
  void theServerIsSharedByTheClassButTheClockIsFreshPerTest(ApiServer server, FakeClock clock) {
    assertThat(server).isSameAs(first);
    assertThat(clock).isNotSameAs(firstClock);
    assertThat(clock.instant()).isBefore(firstClock.instant());
  }
}

package dev.keelson.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetCondition;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Harness;
import dev.keelson.testkit.KeelsonTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Create errors (a quota here) surface as the ReplicaFailure condition, and clear again. */
@KeelsonTest
class ReplicaFailureTest {
  private static final String QUOTA =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods"
          + " \\\"quota-\\\" is forbidden: exceeded quota: compute, requested: pods=1, used:"
          + " pods=1, limited: pods=1\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"quota-\","
          + "\"kind\":\"pods\"},\"code\":403}";

  /** Refuses pod creates while {@code refuse} is set, as a ResourceQuota admission would. */
  private record QuotaTransport(Transport inner, AtomicBoolean refuse, AtomicInteger refused)
      implements Transport {
    @Override
    public TransportResponse send(TransportRequest r) {
      if (refuse.get() && r.method().equals("POST") && r.path().endsWith("/pods")) {
        refused.incrementAndGet();
        return new TransportResponse(
            403,
            Map.of("Content-Type", List.of("application/json")),
            QUOTA.getBytes(StandardCharsets.UTF_8));
      }
      return inner.send(r);
    }

    @Override
    public TransportStream stream(TransportRequest r) {
      return inner.stream(r);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void createErrorsSetReplicaFailureAndBackOff(KubeClient client, ApiServer server, FakeClock clock)
      throws Exception {
    AtomicBoolean refuse = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    KubeClient quotaClient =
        KubeClient.over(
            new QuotaTransport(server.inProcessTransport(), refuse, refused),
            server.registry(),
            "default");
    try (Harness h = new Harness(client, clock, "quota")) {
      ReplicaSetController controller =
          h.closeLater(new ReplicaSetController(quotaClient, h.informers, clock));
      controller.start();
      Resources<ReplicaSet> api = client.resources(ReplicaSet.class).inNamespace(h.namespace);
      api.create(h.replicaSet("quota", 8, Map.of("app", "q")));
      Await.until(
          clock,
          "ReplicaFailure",
          () -> condition(api.get("quota"), "ReplicaFailure") != null,
          () -> String.valueOf(api.get("quota").status()));
      ReplicaSetCondition c = condition(api.get("quota"), "ReplicaFailure");
      assertThat(c.status()).isEqualTo("True");
      assertThat(c.reason()).isEqualTo("FailedCreate");
      assertThat(c.message()).contains("exceeded quota");
      // Slow start: in every failed sync the first batch (one create) failed, so the other seven
      // creates were not tried (the retries come from the controller's backoff).
      long failedSyncs = controller.stats().error();
      assertThat((long) refused.get()).isBetween(failedSyncs, failedSyncs + 1);

      refuse.set(false); // the quota was raised: the retry creates the pods, the condition goes
      clock.advance(Duration.ofSeconds(5)); // past the retry backoff
      Await.until(
          clock,
          "pods after the quota was raised",
          () ->
              api.get("quota").status().replicas() == 8
                  && condition(api.get("quota"), "ReplicaFailure") == null,
          () -> String.valueOf(api.get("quota").status()));
    }
  }

  private static ReplicaSetCondition condition(ReplicaSet rs, String type) {
    return rs.status() == null
        ? null
        : rs.status().conditions().stream()
            .filter(c -> type.equals(c.type()))
            .findFirst()
            .orElse(null);
  }
}

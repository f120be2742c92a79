package dev.keelson.samples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.leader.LeaderElectionConfig;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonExtension;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two operator replicas on one Lease: only the leader reconciles, and a standby takes over. */
class WebsiteOperatorReplicasTest {
  @RegisterExtension static final KeelsonExtension keelson = WebsiteTestServer.servingWebsites();

  @org.junit.jupiter.api.BeforeAll
  static void installCrd(KubeClient client) throws InterruptedException {
    WebsiteTestServer.installCrd(client);
  }

  /** Short, real-time election: a released lease is taken within one 200 ms retry period. */
  private static final LeaderElectionConfig FAST =
      new LeaderElectionConfig(
          Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200), true);

  private static Manager replica(KubeClient client, String ns, String id) {
    Manager m =
        Manager.builder(client)
            .leaderElection(ns, "website-operator")
            .leaderElectionIdentity(id)
            .leaderElectionConfig(FAST)
            .gracefulShutdownTimeout(Duration.ofSeconds(5))
            .build();
    WebsiteOperator.install(m, Clock.system());
    return m;
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      Thread.sleep(10);
    }
  }

  private static boolean exists(KubeClient client, String ns, String name) {
    try {
      client.resources(Deployment.class).inNamespace(ns).get(name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() throws Exception {
    KubeClient client = keelson.client();
    String ns = "replicas";
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    var websites = client.generic(Website.RESOURCE).inNamespace(ns);
    Manager a = replica(client, ns, "replica-a");
    Manager b = replica(client, ns, "replica-b");
    try {
      a.start();
      await("a leads", a::isLeader);
      b.start();

      websites.create(
          Website.of(ObjectMeta.named(ns, "one"), new WebsiteSpec("one:1", 1, 80)).toGeneric());
      await("a creates the Deployment", () -> exists(client, ns, "one"));
      assertThat(b.isLeader()).isFalse();
      assertThat(b.controllerMetrics().stats(WebsiteOperator.NAME).reconciles())
          .as("the standby reconciles nothing")
          .isZero();
      assertThat(a.controllerMetrics().stats(WebsiteOperator.NAME).reconciles()).isPositive();

      a.close();
      await("b takes over", b::isLeader);
      websites.create(
          Website.of(ObjectMeta.named(ns, "two"), new WebsiteSpec("two:1", 1, 80)).toGeneric());
      await("b creates the Deployment", () -> exists(client, ns, "two"));
      assertThat(b.controllerMetrics().stats(WebsiteOperator.NAME).reconciles()).isPositive();
    } finally {
      a.close();
      b.close();
    }
  }
}

package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.values.Quantity;
import dev.keelson.node.AgentHarness.SimNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's registration, heartbeat Lease and status, as kubelet keeps them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeRegistrationTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  @Test
  void registersTheNodeWithCapacityAddressesInfoAndReadyConditions() {
    try (SimNode sim = h.node()) {
      Node n = h.client.resources(Node.class).get(sim.name());
      assertThat(n.metadata().labels())
          .containsEntry("kubernetes.io/hostname", sim.name())
          .containsEntry("kubernetes.io/os", "linux")
          .containsEntry("kubernetes.io/arch", "amd64");
      assertThat(n.status().capacity())
          .containsEntry("cpu", Quantity.parse("4"))
          .containsEntry("memory", Quantity.parse("8Gi"))
          .containsEntry("pods", Quantity.parse("110"));
      assertThat(n.status().allocatable()).isEqualTo(n.status().capacity());
      assertThat(n.status().addresses())
          .extracting(a -> a.type() + "=" + a.address())
          .containsExactly("InternalIP=10.0.0.1", "Hostname=" + sim.name());
      assertThat(n.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
      assertThat(n.status().nodeInfo().kubeletVersion()).isEqualTo("v1.32.0-keelson");
      assertThat(n.status().nodeInfo().containerRuntimeVersion()).isEqualTo("simulated://0.1.0");
      assertThat(n.status().nodeInfo().operatingSystem()).isEqualTo("linux");
      assertThat(n.status().conditions())
          .extracting(c -> c.type() + "=" + c.status() + "/" + c.reason())
          .containsExactly(
              "MemoryPressure=False/KubeletHasSufficientMemory",
              "DiskPressure=False/KubeletHasNoDiskPressure",
              "PIDPressure=False/KubeletHasSufficientPID",
              "Ready=True/KubeletReady");
      assertThat(n.status().condition("Ready").lastHeartbeatTime())
          .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }
  }

  @Test
  void renewsItsLeaseEveryTenSecondsWithAFortySecondDuration() {
    try (SimNode sim = h.node()) {
      var leases = h.client.resources(Lease.class).inNamespace("kube-node-lease");
      Lease l = leases.get(sim.name());
      assertThat(l.spec().holderIdentity()).isEqualTo(sim.name());
      assertThat(l.spec().leaseDurationSeconds()).isEqualTo(40);
      assertThat(l.spec().renewTime().instant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
      assertThat(l.metadata().ownerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.kind() + "/" + o.name()).isEqualTo("Node/" + sim.name()));
      for (int i = 1; i <= 3; i++) {
        sim.clock().advance(Duration.ofSeconds(10));
        Instant expected = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(10L * i);
        AgentHarness.awaitValue(
            "renewal at " + expected,
            () ->
                expected.equals(leases.get(sim.name()).spec().renewTime().instant()) ? true : null);
      }
    }
  }

  @Test
  void postsUnchangedNodeStatusOnlyEveryFiveMinutes() {
    try (SimNode sim = h.node()) {
      assertThat(sim.agent().statusPosts()).isEqualTo(1);
      // Step through 4 min 50 s tick by tick: the status loop computes but posts nothing new.
      for (int i = 1; i <= 29; i++) {
        sim.clock().advance(Duration.ofSeconds(10));
        long renewals = i + 1;
        AgentHarness.awaitValue(
            "lease renewal " + i, () -> sim.agent().leaseRenewals() >= renewals ? true : null);
        assertThat(sim.agent().statusPosts()).isEqualTo(1);
      }
      sim.clock().advance(Duration.ofSeconds(10));
      AgentHarness.awaitValue(
          "status post at 5 min", () -> sim.agent().statusPosts() == 2 ? true : null);
      NodeCondition ready =
          h.client.resources(Node.class).get(sim.name()).status().condition("Ready");
      assertThat(ready.lastHeartbeatTime()).isEqualTo(Instant.parse("2024-01-01T00:05:00Z"));
      assertThat(ready.lastTransitionTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }
  }

  @Test
  void podsGetAddressesFromThePodCidrReadFromTheApi() {
    try (SimNode sim = h.node()) {
      var nodes = h.client.resources(Node.class);
      Node n = nodes.get(sim.name());
      nodes.update(n.withSpec(NodeSpecBuilder.builder().podCIDR("10.244.7.0/24").build()));
      sim.clock().advance(Duration.ofSeconds(10));
      String ns = h.namespace();
      AgentHarness.awaitValue(
          "pod CIDR read", () -> sim.agent().podCidr().equals("10.244.7.0/24") ? true : null);
      h.createPod(ns, sim, "metadata: {name: p}\nspec: {containers: [{name: app, image: nginx}]}");
      Pod p = h.await(ns, "p", "pod IP", x -> x.status().podIP() != null);
      assertThat(p.status().podIP()).isEqualTo("10.244.7.2");
    }
  }
}

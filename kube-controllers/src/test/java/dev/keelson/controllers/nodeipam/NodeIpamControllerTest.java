package dev.keelson.controllers.nodeipam;

import static dev.keelson.controllers.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class NodeIpamControllerTest {

  private static Node node(String name) {
    return new Node(null, null, ObjectMeta.named(name), null, null);
  }

  private static Node awaitCidrs(KubeClient client, String name) {
    return await(
        "pod CIDRs of " + name,
        () -> {
          Node n = client.resources(Node.class).get(name);
          return n.spec() != null && !n.spec().podCIDRs().isEmpty() ? n : null;
        });
  }

  private static final class Running implements AutoCloseable {
    final InformerFactory informers;
    final NodeIpamController controller;

    Running(KubeClient client, NodeIpamConfig config) {
      informers = InformerFactory.create(client);
      controller = new NodeIpamController(client, informers, Clock.system(), config);
      controller.start();
    }

    @Override
    public void close() {
      controller.close();
      informers.close();
    }
  }

  @Test
  void everyNodeGetsItsOwnSubnetAndAllocationsSurviveARestart(KubeClient client) {
    var api = client.resources(Node.class);
    Set<String> seen = new HashSet<>();
    try (Running r = new Running(client, NodeIpamConfig.defaults())) {
      for (int i = 0; i < 3; i++) {
        api.create(node("n" + i));
      }
      for (int i = 0; i < 3; i++) {
        Node n = awaitCidrs(client, "n" + i);
        assertThat(n.spec().podCIDR()).isEqualTo(n.spec().podCIDRs().get(0));
        assertThat(n.spec().podCIDR()).matches("10\\.244\\.\\d+\\.0/24");
        seen.add(n.spec().podCIDR());
      }
    }
    assertThat(seen).hasSize(3);
    // a new controller rebuilds its map from the Nodes: the next node gets a fresh subnet
    try (Running r = new Running(client, NodeIpamConfig.defaults())) {
      api.create(node("n3"));
      String fourth = awaitCidrs(client, "n3").spec().podCIDR();
      assertThat(seen).doesNotContain(fourth);
      assertThat(r.controller.ranges().get(0).used()).isEqualTo(4);
    }
  }

  @Test
  void dualStackNodesGetOneSubnetPerFamily(KubeClient client) {
    try (Running r = new Running(client, NodeIpamConfig.of("10.244.0.0/16", "fd00:10:244::/56"))) {
      client.resources(Node.class).create(node("dual"));
      Node n = awaitCidrs(client, "dual");
      assertThat(n.spec().podCIDRs()).containsExactly("10.244.0.0/24", "fd00:10:244::/64");
      assertThat(n.spec().podCIDR()).isEqualTo("10.244.0.0/24");
    }
  }

  @Test
  void anExhaustedRangeIsReportedAndTheNextFreedSubnetIsHandedOut(KubeClient client) {
    var api = client.resources(Node.class);
    try (Running r = new Running(client, NodeIpamConfig.of("10.250.0.0/23"))) {
      api.create(node("a"));
      api.create(node("b"));
      awaitCidrs(client, "a");
      String bCidr = awaitCidrs(client, "b").spec().podCIDR();
      api.create(node("c"));
      Event e =
          await(
              "CIDRNotAvailable event",
              () -> {
                List<Event> events =
                    client
                        .resources(Event.class)
                        .inNamespace("default")
                        .list(ListOptions.none())
                        .items();
                return events.stream()
                    .filter(x -> NodeIpamController.CIDR_NOT_AVAILABLE.equals(x.reason()))
                    .findFirst()
                    .orElse(null);
              });
      assertThat(e.type()).isEqualTo("Normal");
      assertThat(e.involvedObject().kind()).isEqualTo("Node");
      assertThat(e.involvedObject().name()).isEqualTo("c");
      assertThat(e.message()).isEqualTo("Node c status is now: CIDRNotAvailable");

      api.delete("b", null);
      assertThat(awaitCidrs(client, "c").spec().podCIDR()).isEqualTo(bCidr);
    }
  }
}

package dev.keelson.net.daemon.hostgw;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAddress;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import java.util.ArrayList;
import java.util.List;

/** Nodes with pod CIDRs and addresses for the host-gw tests. */
final class NodeFixtures {
  private NodeFixtures() {}

  /** A node with these pod CIDRs and InternalIPs. */
  static Node node(String name, List<String> cidrs, String... internalIps) {
    List<NodeAddress> addresses = new ArrayList<>();
    addresses.add(new NodeAddress("Hostname", name));
    for (String ip : internalIps) {
      addresses.add(new NodeAddress("InternalIP", ip));
    }
    return NodeBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().name(name).build())
        .spec(
            NodeSpecBuilder.builder()
                .podCIDR(cidrs.isEmpty() ? null : cidrs.getFirst())
                .podCIDRs(cidrs)
                .build())
        .status(NodeStatusBuilder.builder().addresses(addresses).build())
        .build();
  }

  /** Creates the node and writes its status. */
  static void create(KubeClient client, Node node) {
    Node created = client.resources(Node.class).create(node);
    client.resources(Node.class).updateStatus(created.withStatus(node.status()));
  }
}

package dev.keelson.net.daemon.hostgw;

import static dev.keelson.net.daemon.hostgw.NodeFixtures.create;
import static dev.keelson.net.daemon.hostgw.NodeFixtures.node;
import static dev.keelson.net.testing.Host.hasPlugin;
import static dev.keelson.net.testing.Host.isRoot;
import static dev.keelson.net.testing.Host.must;
import static dev.keelson.net.testing.Host.onPath;
import static dev.keelson.net.testing.Host.pingUntil;
import static dev.keelson.net.testing.Host.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.api.core.v1.Node;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.net.cni.CniPodNetwork;
import dev.keelson.net.daemon.NodeNetworkContext;
import dev.keelson.net.daemon.NodeNetworkDaemon;
import dev.keelson.net.daemon.NodeNetworkDaemons;
import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkContext;
import dev.keelson.net.spi.PodNetworkRequest;
import dev.keelson.net.spi.PodNetworks;
import dev.keelson.net.testing.Host;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "nodes", each a network namespace the test creates, joined by a veth pair, each with its own
 * pod bridge (the {@code cni} pod network, its plugins run inside the node's namespace) and pods in
 * namespaces of their own. A {@code host-gw} daemon per node, running {@code ip} inside its node's
 * namespace, routes the other node's pod CIDR via that node's address, so pods ping across nodes.
 * Needs root, {@code ip}, {@code ping}, package containernetworking-plugins; skips otherwise.
 */
@KeelsonTest(perTest = true)
class HostGwIT {
  private static final List<Path> PLUGIN_DIRS =
      List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni"));

  @TempDir Path tmp;

  private final String sfx =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
  private final int r = ThreadLocalRandom.current().nextInt(0, 128);
  private final List<String> nodeNamespaces = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  @BeforeEach
  void needs() {
    assumeTrue(isRoot(), "needs root to create network namespaces, veths and bridges");
    assumeTrue(onPath("ip").isPresent(), "needs the ip command (iproute2)");
    assumeTrue(onPath("ping").isPresent(), "needs ping (package iputils-ping)");
    for (String p : List.of("bridge", "host-local")) {
      assumeTrue(hasPlugin(PLUGIN_DIRS, p), "needs CNI plugin " + p + " in " + PLUGIN_DIRS);
    }
  }

  @AfterEach
  void cleanUp() {
    for (Runnable c : cleanups.reversed()) {
      try {
        c.run();
      } catch (RuntimeException e) {
        System.err.println("HostGwIT cleanup: " + e.getMessage());
      }
    }
    for (String ns : nodeNamespaces) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void podsOnTwoNodesReachEachOtherThroughHostGwRoutes(KubeClient client) throws Exception {
    String nsA = "kgw-a-" + sfx;
    String nsB = "kgw-b-" + sfx;
    String ipA = "198.18." + r + ".1";
    String ipB = "198.18." + r + ".2";
    String cidrA = "10.253." + (2 * r) + ".0/24";
    String cidrB = "10.253." + (2 * r + 1) + ".0/24";
    Host.Cmd add = run("ip", "netns", "add", nsA);
    assumeTrue(add.ok(), "cannot create network namespaces here: " + add.output());
    nodeNamespaces.add(nsA);
    must("ip", "netns", "add", nsB);
    nodeNamespaces.add(nsB);
    must("ip", "link", "add", "kgwa" + sfx, "type", "veth", "peer", "name", "kgwb" + sfx);
    must("ip", "link", "set", "kgwa" + sfx, "netns", nsA);
    must("ip", "link", "set", "kgwb" + sfx, "netns", nsB);
    for (String[] n :
        List.of(new String[] {nsA, "kgwa" + sfx, ipA}, new String[] {nsB, "kgwb" + sfx, ipB})) {
      must("ip", "-n", n[0], "addr", "add", n[2] + "/24", "dev", n[1]);
      must("ip", "-n", n[0], "link", "set", n[1], "up");
      must("ip", "-n", n[0], "link", "set", "lo", "up");
      must("ip", "netns", "exec", n[0], "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    create(client, node("node-a", List.of(cidrA), ipA));
    create(client, node("node-b", List.of(cidrB), ipB));

    PodNetwork netA = podNetwork("a", nsA, cidrA);
    PodNetwork netB = podNetwork("b", nsB, cidrB);
    PodNetworkRequest podA = pod("pa-" + sfx);
    PodNetworkRequest podB = pod("pb-" + sfx);
    cleanups.add(() -> netA.tearDown(podA));
    cleanups.add(() -> netB.tearDown(podB));
    String podIpA = netA.setUp(podA).ips().getFirst();
    String podIpB = netB.setUp(podB).ips().getFirst();
    assertThat(podIpA).startsWith("10.253." + (2 * r) + ".");
    assertThat(podIpB).startsWith("10.253." + (2 * r + 1) + ".");
    String podNsA = "keelson-" + podA.sandboxId();
    String podNsB = "keelson-" + podB.sandboxId();
    assertThat(run("ip", "netns", "exec", podNsA, "ping", "-c1", "-W1", podIpB).ok())
        .as("no route across nodes before host-gw")
        .isFalse();

    try (InformerFactory informersA = InformerFactory.create(client);
        InformerFactory informersB = InformerFactory.create(client);
        NodeNetworkDaemon daemonA = daemon("node-a", nsA, informersA);
        NodeNetworkDaemon daemonB = daemon("node-b", nsB, informersB)) {
      informersA.start();
      informersB.start();
      Eventually.await(
          "node a routes node b's pods",
          Duration.ofSeconds(20),
          () -> run("ip", "-n", nsA, "route", "show", cidrB).output().contains("via " + ipB));
      Eventually.await(
          "node b routes node a's pods",
          Duration.ofSeconds(20),
          () -> run("ip", "-n", nsB, "route", "show", cidrA).output().contains("via " + ipA));

      Host.Cmd ping = pingUntil(podNsA, podIpB, Duration.ofSeconds(10));
      assertThat(ping.exit()).as("pod a -> pod b: %s", ping.output()).isZero();
      Host.Cmd back = pingUntil(podNsB, podIpA, Duration.ofSeconds(10));
      assertThat(back.exit()).as("pod b -> pod a: %s", back.output()).isZero();

      client.resources(Node.class).delete("node-b", null);
      Eventually.await(
          "node a drops the route of deleted node b",
          Duration.ofSeconds(20),
          () -> run("ip", "-n", nsA, "route", "show", cidrB).output().isBlank());
      assertThat(daemonA.failures()).isZero();
      assertThat(daemonB.failures()).isZero();
    }
  }

  private NodeNetworkDaemon daemon(String node, String ns, InformerFactory informers) {
    return NodeNetworkDaemons.provider("host-gw")
        .start(
            NodeNetworkContext.of(node, informers)
                .withCommands(CommandRunner.inNetworkNamespace(ns))
                .withPeriods(Duration.ofMillis(50), Duration.ofSeconds(10)));
  }

  /** The cni pod network of one node: the bridge plugin runs inside the node's namespace. */
  private PodNetwork podNetwork(String node, String nodeNs, String cidr) throws Exception {
    Path bin = tmp.resolve("bin-" + node);
    Files.createDirectories(bin);
    Path real =
        PLUGIN_DIRS.stream()
            .filter(d -> Files.isExecutable(d.resolve("bridge")))
            .findFirst()
            .orElseThrow();
    Path wrapper = bin.resolve("bridge");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nexec "
            + onPath("ip").orElseThrow()
            + " netns exec "
            + nodeNs
            + " "
            + real.resolve("bridge")
            + " \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path conf = tmp.resolve("net-" + node + ".conflist");
    Files.writeString(
        conf,
        """
        {"cniVersion":"1.0.0","name":"hostgw-%s","plugins":[
          {"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s"}]],
                   "routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}]}
        """
            .formatted(node, cidr, tmp.resolve("ipam-" + node)));
    PodNetwork net =
        PodNetworks.load(
            "cni",
            new PodNetworkContext(
                "node-" + node,
                "",
                "conf="
                    + conf
                    + ",bin="
                    + bin
                    + ":"
                    + real
                    + ",cache="
                    + tmp.resolve("cache-" + node)));
    assertThat(net).isInstanceOf(CniPodNetwork.class);
    return net;
  }

  private static PodNetworkRequest pod(String sandbox) {
    return new PodNetworkRequest("default", sandbox, "uid-" + sandbox, sandbox, "", "");
  }
}

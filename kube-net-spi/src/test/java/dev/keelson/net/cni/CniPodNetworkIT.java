package dev.keelson.net.cni;

import static dev.keelson.net.testing.Host.hasPlugin;
import static dev.keelson.net.testing.Host.isRoot;
import static dev.keelson.net.testing.Host.onPath;
import static dev.keelson.net.testing.Host.pingUntil;
import static dev.keelson.net.testing.Host.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkContext;
import dev.keelson.net.spi.PodNetworkException;
import dev.keelson.net.spi.PodNetworkRequest;
import dev.keelson.net.spi.PodNetworkStatus;
import dev.keelson.net.spi.PodNetworks;
import dev.keelson.net.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cni} pod network through the PodNetwork SPI with Debian's real bridge, host-local and
 * loopback plugins: two pods on the test's own bridge get host-local addresses, reach each other,
 * pass CHECK, and tearDown releases the addresses. Needs root, {@code ip}, {@code ping} and package
 * containernetworking-plugins; skips with the reason otherwise.
 */
class CniPodNetworkIT {
  private static final List<Path> PLUGIN_DIRS =
      List.of(CniOptions.OPT_CNI_BIN, CniOptions.DEBIAN_CNI_BIN);

  @TempDir Path tmp;

  private final String suffix =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
  private final String bridge = "kpn" + suffix;
  private final List<PodNetworkRequest> toTearDown = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  private PodNetwork network;

  @BeforeEach
  void needs() {
    assumeTrue(isRoot(), "needs root to create network namespaces and bridges");
    assumeTrue(onPath("ip").isPresent(), "needs the ip command (iproute2)");
    assumeTrue(onPath("ping").isPresent(), "needs ping (package iputils-ping)");
    for (String p : List.of("bridge", "host-local")) {
      assumeTrue(
          hasPlugin(PLUGIN_DIRS, p),
          "needs CNI plugin " + p + " (package containernetworking-plugins) in " + PLUGIN_DIRS);
    }
  }

  @AfterEach
  void cleanUp() {
    for (PodNetworkRequest r : toTearDown) {
      try {
        network.tearDown(r);
      } catch (RuntimeException e) {
        System.err.println("CniPodNetworkIT cleanup: " + e.getMessage());
      }
    }
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
    if (run("ip", "link", "show", bridge).ok()) {
      run("ip", "link", "del", bridge);
    }
  }

  @Test
  void twoPodsOnABridgeGetHostLocalAddressesReachEachOtherAndTearDownFreesThem() throws Exception {
    int third = ThreadLocalRandom.current().nextInt(0, 256);
    String network = "keelson-pn-" + suffix;
    Path ipam = tmp.resolve("ipam");
    Path conf = tmp.resolve("net.d");
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("10-pods.conflist"),
        """
        {"cniVersion":"1.0.0","name":"%s","plugins":[
          {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"10.251.%d.0/24"}]],"dataDir":"%s"}}]}
        """
            .formatted(network, bridge, third, ipam));
    this.network =
        PodNetworks.load(
            "cni",
            new PodNetworkContext(
                "node-a",
                "192.0.2.1",
                "conf=" + conf + ",bin=/opt/cni/bin:/usr/lib/cni,cache=" + tmp.resolve("cache")));
    assertThat(this.network).isInstanceOf(CniPodNetwork.class);
    assertThat(this.network.notReadyReason()).isNull();

    // Pod a: the network creates its namespace. Pod b: the "runtime" made one already.
    PodNetworkRequest a = request("a", "sandbox-a-" + suffix, "");
    String nsB = "keelson-test-" + suffix + "-b";
    assumeTrue(run("ip", "netns", "add", nsB).ok(), "cannot create network namespaces here");
    namespaces.add(nsB);
    PodNetworkRequest b = request("b", "sandbox-b-" + suffix, "/run/netns/" + nsB);
    toTearDown.add(a);
    toTearDown.add(b);

    PodNetworkStatus sa = this.network.setUp(a);
    PodNetworkStatus sb = this.network.setUp(b);
    String ipA = sa.ips().getFirst();
    String ipB = sb.ips().getFirst();
    String nsA = CniPodNetwork.netnsName(a.sandboxId());
    assertThat(sa.ips()).hasSize(1);
    assertThat(ipA).startsWith("10.251." + third + ".").isNotEqualTo(ipB);
    assertThat(ipB).startsWith("10.251." + third + ".");
    assertThat(ipam.resolve(network).resolve(ipA)).as("host-local reserved " + ipA).exists();
    assertThat(ipam.resolve(network).resolve(ipB)).as("host-local reserved " + ipB).exists();
    assertThat(Path.of("/run/netns", nsA)).as("namespace made for pod a").exists();
    assertThat(run("ip", "-n", nsA, "-4", "addr", "show", "eth0").output()).contains(ipA + "/24");

    Host.Cmd ping = pingUntil(nsA, ipB, Duration.ofSeconds(10));
    assertThat(ping.exit()).as("ping %s from pod a: %s", ipB, ping.output()).isZero();
    Host.Cmd back = pingUntil(nsB, ipA, Duration.ofSeconds(10));
    assertThat(back.exit()).as("ping %s from pod b: %s", ipA, back.output()).isZero();

    this.network.check(a);
    this.network.check(b);
    run("ip", "-n", nsB, "link", "del", "eth0");
    assertThatThrownBy(() -> this.network.check(b))
        .as("CHECK notices pod b lost eth0")
        .isInstanceOf(PodNetworkException.class)
        .hasMessageContaining("CHECK");

    this.network.tearDown(a);
    this.network.tearDown(b);
    this.network.tearDown(b); // idempotent
    toTearDown.clear();
    assertThat(ipam.resolve(network).resolve(ipA)).as("released " + ipA).doesNotExist();
    assertThat(ipam.resolve(network).resolve(ipB)).as("released " + ipB).doesNotExist();
    assertThat(Path.of("/run/netns", nsA)).as("pod a's namespace deleted").doesNotExist();
    assertThat(Path.of("/run/netns", nsB)).as("the runtime's namespace is left alone").exists();
  }

  @Test
  void withoutAConfigurationTheNetworkIsNotReady() {
    PodNetwork empty =
        PodNetworks.load(
            "cni", new PodNetworkContext("node-a", "192.0.2.1", tmp.resolve("none").toString()));
    network = empty;
    assertThat(empty.notReadyReason()).contains("no CNI network configuration");
    assertThatThrownBy(() -> empty.setUp(request("x", "sandbox-x-" + suffix, "")))
        .isInstanceOf(PodNetworkException.class);
  }

  private static PodNetworkRequest request(String name, String sandbox, String netns) {
    return new PodNetworkRequest("default", name, "uid-" + name, sandbox, netns, "");
  }
}

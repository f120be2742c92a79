package dev.keelson.net.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Debian's real CNI plugins (bridge, host-local, portmap, loopback) against two network
 * namespaces the test creates, pings between them and checks DEL releases the addresses. Needs
 * root, {@code ip}, {@code ping} and package containernetworking-plugins; skips with the reason
 * otherwise. Traffic stays on the test's own bridge.
 */
class CniBridgeIT {
  private static final List<Path> PLUGIN_DIRS =
      List.of(CniOptions.OPT_CNI_BIN, CniOptions.DEBIAN_CNI_BIN);

  @TempDir Path tmp;

  private final String suffix =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
  private final String bridge = "kcni" + suffix;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Runnable> deletes = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Runnable d : deletes.reversed()) {
      try {
        d.run();
      } catch (RuntimeException e) {
        System.err.println("CniBridgeIT cleanup: " + e.getMessage());
      }
    }
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
    if (run("ip", "link", "show", bridge).exit() == 0) {
      run("ip", "link", "del", bridge);
    }
  }

  @Test
  void bridgeNetworkConnectsTwoNamespacesAndDelReleasesTheirAddresses() throws Exception {
    assumeTrue(isRoot(), "needs root to create network namespaces and bridges");
    assumeTrue(onPath("ip").isPresent(), "needs the ip command (iproute2)");
    assumeTrue(onPath("ping").isPresent(), "needs ping (package iputils-ping)");
    for (String p : List.of("bridge", "host-local", "loopback")) {
      assumeTrue(
          PLUGIN_DIRS.stream().anyMatch(d -> Files.isExecutable(d.resolve(p))),
          "needs CNI plugin " + p + " (package containernetworking-plugins) in " + PLUGIN_DIRS);
    }
    boolean portmap =
        PLUGIN_DIRS.stream().anyMatch(d -> Files.isExecutable(d.resolve("portmap")))
            && onPath("iptables").isPresent();

    int third = ThreadLocalRandom.current().nextInt(0, 256);
    String subnet = "10.250." + third + ".0/24";
    Path ipamDir = tmp.resolve("ipam");
    String network = "keelson-it-" + suffix;
    String conflist =
        """
        {"cniVersion":"1.0.0","name":"%s","plugins":[
          {"type":"bridge","bridge":"%s","isGateway":false,"ipMasq":false,"hairpinMode":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s"}]],"dataDir":"%s"}}%s]}
        """
            .formatted(
                network,
                bridge,
                subnet,
                ipamDir,
                portmap ? ",{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true}}" : "");
    NetworkConfigList net = NetworkConfigList.parse(conflist, "CniBridgeIT");
    NetworkConfigList lo =
        NetworkConfigList.parse(
            "{\"cniVersion\":\"1.0.0\",\"name\":\"keelson-lo\",\"plugins\":[{\"type\":\"loopback\"}]}",
            "CniBridgeIT-lo");
    CniRuntime cni =
        CniRuntime.create(
            CniOptions.defaults()
                .withPluginDirs(PLUGIN_DIRS)
                .withCacheDir(tmp.resolve("cache"))
                .withTimeout(Duration.ofSeconds(30)));
    assertThat(cni.version("bridge").supportedVersions()).contains("1.0.0");

    List<String> ips = new ArrayList<>();
    List<String> nsNames = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String ns = "keelson-test-" + suffix + "-" + i;
      Cmd add = run("ip", "netns", "add", ns);
      assumeTrue(add.exit() == 0, "cannot create network namespaces here: " + add.output());
      namespaces.add(ns);
      nsNames.add(ns);
      String netnsPath = "/run/netns/" + ns;
      CniAttachment eth0 =
          CniAttachment.of("keelson-it-" + suffix + "-" + i, netnsPath, "eth0")
              .withArg("IgnoreUnknown", "1");
      CniAttachment loIf = CniAttachment.of("keelson-it-" + suffix + "-" + i, netnsPath, "lo");
      deletes.add(() -> cni.delete(net, eth0));
      deletes.add(() -> cni.delete(lo, loIf));

      cni.add(lo, loIf);
      CniResult result = cni.add(net, eth0);

      List<CniIpConfig> podIps = result.ipsOn("eth0");
      assertThat(podIps).as("host-local gave eth0 one address: %s", result).hasSize(1);
      String ip = podIps.get(0).ip();
      assertThat(ip).startsWith("10.250." + third + ".");
      assertThat(result.interfaceOf(podIps.get(0)).orElseThrow().sandbox()).isEqualTo(netnsPath);
      assertThat(ipamDir.resolve(network).resolve(ip)).as("host-local reservation").exists();
      assertThat(run("ip", "netns", "exec", ns, "ip", "-4", "addr", "show", "eth0").output())
          .contains(ip + "/24");
      assertThat(cni.cachedResult(net, eth0)).contains(result);
      ips.add(ip);
    }
    assertThat(ips.get(0)).isNotEqualTo(ips.get(1));

    Cmd ping = pingUntil(nsNames.get(0), ips.get(1), Duration.ofSeconds(10));
    assertThat(ping.exit())
        .as("ping %s from %s: %s", ips.get(1), nsNames.get(0), ping.output())
        .isZero();
    Cmd back = pingUntil(nsNames.get(1), ips.get(0), Duration.ofSeconds(10));
    assertThat(back.exit()).as("ping back: %s", back.output()).isZero();

    for (Runnable d : deletes.reversed()) {
      d.run();
    }
    deletes.clear();
    for (String ip : ips) {
      assertThat(ipamDir.resolve(network).resolve(ip)).as("released " + ip).doesNotExist();
    }
    try (Stream<Path> cached = Files.list(tmp.resolve("cache"))) {
      assertThat(cached.toList()).as("cached results are gone after DEL").isEmpty();
    }
    assertThat(run("ip", "netns", "exec", nsNames.get(0), "ip", "link", "show", "eth0").exit())
        .as("DEL removed eth0")
        .isNotZero();
  }

  private static Cmd pingUntil(String ns, String ip, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    Cmd last;
    do {
      last = run("ip", "netns", "exec", ns, "ping", "-c1", "-W1", ip);
    } while (last.exit() != 0 && System.nanoTime() < deadline);
    return last;
  }

  private static boolean isRoot() {
    try {
      return run("id", "-u").output().strip().equals("0");
    } catch (Exception e) {
      return false;
    }
  }

  private static Optional<Path> onPath(String cmd) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    return Stream.of(path.split(":"))
        .filter(s -> !s.isEmpty())
        .map(d -> Path.of(d, cmd))
        .filter(Files::isExecutable)
        .findFirst();
  }

  record Cmd(int exit, String output) {}

  private static Cmd run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    onPath(cmd.get(0)).ifPresent(p -> cmd.set(0, p.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readNBytes(64 * 1024);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Cmd(-1, "timed out: " + String.join(" ", cmd));
    }
    return new Cmd(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}

package dev.keelson.net.proxy;

import static dev.keelson.net.proxy.ProxyFixtures.port;
import static dev.keelson.net.proxy.ProxyFixtures.service;
import static dev.keelson.net.proxy.ProxyFixtures.slice;
import static dev.keelson.net.proxy.ProxyFixtures.slicePort;
import static dev.keelson.net.testing.Host.isRoot;
import static dev.keelson.net.testing.Host.must;
import static dev.keelson.net.testing.Host.onPath;
import static dev.keelson.net.testing.Host.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.net.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kube-proxy's job end to end, in namespaces the test makes: a "node" namespace routes to a client
 * namespace and three backend namespaces (one veth each, /32 routes and proxy ARP, as Calico wires
 * pods), each backend running {@code busybox httpd} that answers its own name. The backend under
 * test programs the node; the client reaches a Service's cluster IP and its node port, the requests
 * spread over every backend, removing an endpoint takes it out, and a Service without endpoints is
 * rejected (connection refused). Needs root, {@code ip}, busybox (package busybox-static), curl and
 * the backend's tool; skips otherwise.
 */
class ServiceProxyNamespacesIT {
  private static final int BACKENDS = 3;
  private static final int REQUESTS = 30;

  @TempDir Path dir;

  private final String sfx =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
  private final int r = ThreadLocalRandom.current().nextInt(0, 256);
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    servers.forEach(Process::destroyForcibly);
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables"})
  void aClientReachesServicesSpreadOverBackendNamespaces(String backend) throws Exception {
    assumeTrue(isRoot(), "needs root for network namespaces");
    String tool = backend.equals("iptables") ? "iptables-restore" : "nft";
    assumeTrue(onPath("ip").isPresent(), "needs ip (iproute2)");
    assumeTrue(onPath(tool).isPresent(), "needs " + tool);
    assumeTrue(onPath("busybox").isPresent(), "needs busybox (package busybox-static)");
    assumeTrue(onPath("curl").isPresent(), "needs curl");
    String node = "kpx-n-" + sfx;
    Host.Cmd add = run("ip", "netns", "add", node);
    assumeTrue(add.ok(), "cannot create network namespaces here: " + add.output());
    namespaces.add(node);
    String nodeIp = "10.254." + r + ".1";
    for (String c :
        List.of(
            "ip link set lo up",
            "ip addr add " + nodeIp + "/32 dev lo",
            "sysctl -q -w net.ipv4.ip_forward=1",
            "sysctl -q -w net.ipv4.conf.all.rp_filter=0",
            "sysctl -q -w net.ipv4.conf.default.rp_filter=0",
            // Service IPs are routed off the node (as to a default gateway), so their traffic
            // passes FORWARD when the rules do not catch it (a veth with nothing behind it: this
            // kernel has no dummy device).
            "ip link add kpxsvc type veth peer name kpxsvc0",
            "ip link set kpxsvc up",
            "ip link set kpxsvc0 up",
            "ip route add 10.96.0.0/12 dev kpxsvc")) {
      mustIn(node, c);
    }
    String client = pod(node, "c", 10);
    List<String> backendIps = new ArrayList<>();
    for (int i = 0; i < BACKENDS; i++) {
      String ns = pod(node, "b" + i, 20 + i);
      String ip = "10.254." + r + "." + (20 + i);
      backendIps.add(ip);
      serve(ns, "backend-" + i);
    }
    for (int i = 0; i < BACKENDS; i++) {
      String ip = backendIps.get(i);
      String expected = "backend-" + i;
      long deadline = System.nanoTime() + 20_000_000_000L;
      String got;
      do {
        got = get(client, ip, 8080);
      } while (!got.equals(expected) && System.nanoTime() < deadline);
      assertThat(got).as("backend %s answers the client directly", ip).isEqualTo(expected);
    }

    String webIp = "10.96." + r + ".50";
    String emptyIp = "10.96." + r + ".51";
    int nodePort = 30000 + ThreadLocalRandom.current().nextInt(0, 2000);
    ServiceProxy proxy =
        ServiceProxies.provider(backend)
            .create(
                ProxyConfig.ipv4()
                    .withClusterCidr("10.254." + r + ".0/24")
                    .withRunner(CommandRunner.inNetworkNamespace(node)));
    Service web = service("demo", "web", webIp, port("http", "TCP", 80, nodePort));
    Service empty = service("demo", "empty", emptyIp, port("http", "TCP", 80, null));
    proxy.sync(ProxyState.of("IPv4", List.of(web, empty), List.of(webSlice(backendIps))));

    assertThat(spread(client, webIp, 80))
        .as("cluster IP traffic is spread over every endpoint")
        .containsExactlyInAnyOrder("backend-0", "backend-1", "backend-2");
    assertThat(spread(client, nodeIp, nodePort))
        .as("node port traffic is spread over every endpoint")
        .containsExactlyInAnyOrder("backend-0", "backend-1", "backend-2");
    assertThat(connect(client, emptyIp, 80))
        .as("a service without endpoints is rejected")
        .contains("Connection refused");

    proxy.sync(
        ProxyState.of("IPv4", List.of(web, empty), List.of(webSlice(backendIps.subList(0, 2)))));
    assertThat(spread(client, webIp, 80))
        .as("the removed endpoint gets no more traffic")
        .containsExactlyInAnyOrder("backend-0", "backend-1");

    proxy.sync(ProxyState.of("IPv4", List.of(web, empty), List.of()));
    assertThat(connect(client, webIp, 80))
        .as("no endpoints left: rejected")
        .contains("Connection refused");
    proxy.close();
  }

  /** The answers of {@link #REQUESTS} requests, one connection each. */
  private Set<String> spread(String client, String ip, int port) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < REQUESTS; i++) {
      seen.add(get(client, ip, port));
    }
    return seen;
  }

  private static EndpointSlice webSlice(List<String> ips) {
    return slice(
        "demo",
        "web-1",
        "web",
        ips.stream().map(ProxyFixtures::ready).toList(),
        slicePort("http", "TCP", 8080));
  }

  /** A pod namespace with address 10.254.r.last/32 on a veth whose other end is in the node. */
  private String pod(String node, String name, int last) {
    String ns = "kpx-" + name + "-" + sfx;
    must("ip", "netns", "add", ns);
    namespaces.add(ns);
    String ip = "10.254." + r + "." + last;
    String outer = "kx" + sfx + name;
    String inner = "ki" + sfx + name;
    must("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
    must("ip", "link", "set", outer, "netns", node);
    must("ip", "link", "set", inner, "netns", ns);
    for (String c :
        List.of(
            "ip link set lo up",
            "ip addr add " + ip + "/32 dev " + inner,
            "ip link set " + inner + " up",
            "ip route add default dev " + inner)) {
      mustIn(ns, c);
    }
    for (String c :
        List.of(
            "ip link set " + outer + " up",
            "sysctl -q -w net.ipv4.conf." + outer + ".proxy_arp=1",
            "sysctl -q -w net.ipv4.conf." + outer + ".rp_filter=0",
            "ip route add " + ip + "/32 dev " + outer)) {
      mustIn(node, c);
    }
    return ns;
  }

  private void serve(String ns, String name) throws Exception {
    Path root = dir.resolve(name);
    Files.createDirectories(root);
    Files.writeString(root.resolve("index.html"), name);
    servers.add(
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                ns,
                onPath("busybox").orElseThrow().toString(),
                "httpd",
                "-f",
                "-p",
                "8080",
                "-h",
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start());
  }

  /** The body, or curl's error (e.g. "... Connection refused"). */
  private static String get(String ns, String ip, int port) {
    return run(
            "ip", "netns", "exec", ns, "curl", "-sS", "-m", "3", "http://" + ip + ":" + port + "/")
        .output()
        .strip();
  }

  /**
   * What a bare TCP connect says ({@code busybox nc}, which names the errno: a REJECT's ICMP port
   * unreachable is "Connection refused", where curl only says it could not connect).
   */
  private static String connect(String ns, String ip, int port) {
    return run(
            "ip",
            "netns",
            "exec",
            ns,
            onPath("busybox").orElseThrow().toString(),
            "nc",
            "-w",
            "3",
            ip,
            String.valueOf(port))
        .output()
        .strip();
  }

  private static void mustIn(String ns, String command) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of(command.split(" ")));
    Host.Cmd res = run(c);
    assertThat(res.ok()).as(command + " in " + ns + ": " + res.output()).isTrue();
  }
}

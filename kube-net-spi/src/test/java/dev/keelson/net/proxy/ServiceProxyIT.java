package dev.keelson.net.proxy;

import static dev.keelson.net.proxy.ProxyFixtures.port;
import static dev.keelson.net.proxy.ProxyFixtures.ready;
import static dev.keelson.net.proxy.ProxyFixtures.service;
import static dev.keelson.net.proxy.ProxyFixtures.slice;
import static dev.keelson.net.proxy.ProxyFixtures.slicePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iptables and nftables backends against the real iptables and nft, each in a network namespace
 * the test makes: a connection to a service's cluster IP reaches the endpoint's server through the
 * DNAT rules, the REJECT rule takes connections to a service without endpoints, and after the
 * endpoints change the traffic follows.
 */
class ServiceProxyIT {
  private static final CommandRunner HOST = CommandRunner.local();
  private final String ns =
      "keelson-kp-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<Process> servers = new ArrayList<>();
  private boolean made;

  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    servers.forEach(Process::destroyForcibly);
    if (made) {
      HOST.run(List.of("ip", "netns", "del", ns), new byte[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nftables"})
  void clusterIpTrafficReachesTheEndpoints(String backend) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
    String tool = backend.equals("iptables") ? "iptables-restore" : "nft";
    assumeTrue(onPath("ip") && onPath(tool), "needs ip (iproute2) and " + tool);
    CommandRunner.Result add = HOST.run(List.of("ip", "netns", "add", ns), new byte[0]);
    assumeTrue(add.ok(), "cannot create a network namespace here: " + add.output());
    made = true;
    CommandRunner inNs = CommandRunner.inNetworkNamespace(ns);
    for (String c :
        List.of(
            "ip link set lo up",
            "ip addr add 10.244.1.5/32 dev lo",
            "ip addr add 10.244.1.6/32 dev lo",
            "ip route add 10.96.0.0/12 dev lo")) {
      CommandRunner.Result r = inNs.run(List.of(c.split(" ")), new byte[0]);
      assertThat(r.ok()).as(c + ": " + r.output()).isTrue();
    }
    Path net = dir.resolve("Net.java");
    Files.writeString(net, NET_JAVA);
    // Compiled once: each server and client is a short-lived JVM inside the namespace.
    CommandRunner.Result javac =
        HOST.run(List.of(javaTool("javac"), "-d", dir.toString(), net.toString()), new byte[0]);
    assertThat(javac.ok()).as(javac.output()).isTrue();
    serve(net, "10.244.1.5", 8080);
    serve(net, "10.244.1.6", 8080);

    ServiceProxy proxy =
        ServiceProxies.provider(backend)
            .create(ProxyConfig.ipv4().withClusterCidr("10.244.0.0/16").withRunner(inNs));
    Service web = service("demo", "web", "10.96.0.50", port("http", "TCP", 80, null));
    Service empty = service("demo", "empty", "10.96.0.51", port("http", "TCP", 80, null));
    proxy.sync(ProxyState.of("IPv4", List.of(web, empty), List.of(webSlice("10.244.1.5"))));

    assertThat(get(net, "10.96.0.50", 80)).isEqualTo("hello from 10.244.1.5");
    // No endpoints: a reject takes the connection. (The ICMP error it sends back does not reach
    // a client whose route is the loopback device, so the client here sees a timeout rather than
    // "refused"; the backend-specific checks below show the reject is what took it.)
    assertThat(get(net, "10.96.0.51", 80)).isNotEqualTo("hello from 10.244.1.5");
    if (backend.equals("iptables")) {
      String counted =
          inNs.run(List.of("iptables-save", "-c", "-t", "filter"), new byte[0]).output();
      assertThat(counted.lines().filter(l -> l.contains("demo/empty:http has no endpoints")))
          .singleElement()
          .satisfies(l -> assertThat(l).doesNotStartWith("[0:0]").contains("-j REJECT"));
    }

    proxy.sync(ProxyState.of("IPv4", List.of(web, empty), List.of(webSlice("10.244.1.6"))));
    assertThat(get(net, "10.96.0.50", 80)).isEqualTo("hello from 10.244.1.6");

    if (backend.equals("iptables")) {
      String saved = inNs.run(List.of("iptables-save", "-t", "nat"), new byte[0]).output();
      assertThat(saved)
          .contains(
              "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES")
          .contains("--to-destination 10.244.1.6:8080")
          .doesNotContain("--to-destination 10.244.1.5:8080");
      assertThat(saved.lines().filter(l -> l.startsWith(":KUBE-SEP-"))).hasSize(1);
    } else {
      String table =
          inNs.run(List.of("nft", "list", "table", "ip", "kube-proxy"), new byte[0]).output();
      assertThat(table)
          .contains("10.96.0.51 . tcp . 80 : goto reject-chain")
          .contains("dnat to 10.244.1.6:8080")
          .doesNotContain("10.244.1.5");
      assertThat(table.lines().filter(l -> l.strip().startsWith("chain endpoint-"))).hasSize(1);
    }
  }

  /** The ipvs backend's live part: this kernel has no IPVS, so it is skipped with the reason. */
  @org.junit.jupiter.api.Test
  void ipvsVirtualServersInTheKernel() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
    assumeTrue(
        Files.exists(Path.of("/proc/net/ip_vs")),
        "this kernel has no IPVS (no /proc/net/ip_vs): the ipvs backend is tested down to the exact"
            + " ipvsadm-restore input and ip commands it issues (IpvsProxyTest)");
    assumeTrue(onPath("ipvsadm-restore") && onPath("ip"), "needs ipvsadm and ip");
    CommandRunner.Result add = HOST.run(List.of("ip", "netns", "add", ns), new byte[0]);
    assumeTrue(add.ok(), "cannot create a network namespace here: " + add.output());
    made = true;
    CommandRunner inNs = CommandRunner.inNetworkNamespace(ns);
    ServiceProxy proxy =
        ServiceProxies.provider("ipvs").create(ProxyConfig.ipv4().withRunner(inNs));
    Service web = service("demo", "web", "10.96.0.50", port("http", "TCP", 80, null));
    proxy.sync(ProxyState.of("IPv4", List.of(web), List.of(webSlice("10.244.1.5"))));
    assertThat(inNs.run(List.of("ipvsadm-save", "-n"), new byte[0]).output())
        .contains("-A -t 10.96.0.50:80 -s rr")
        .contains("-a -t 10.96.0.50:80 -r 10.244.1.5:8080 -m -w 1");
    assertThat(
            inNs.run(List.of("ip", "-o", "addr", "show", "dev", "kube-ipvs0"), new byte[0])
                .output())
        .contains("10.96.0.50/32");
  }

  private static EndpointSlice webSlice(String ip) {
    return slice("demo", "web-1", "web", List.of(ready(ip)), slicePort("http", "TCP", 8080));
  }

  private void serve(Path net, String ip, int port) throws Exception {
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                ns,
                javaTool("java"),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                dir.toString(),
                "Net",
                "serve",
                ip,
                String.valueOf(port))
            .redirectErrorStream(true)
            .start();
    servers.add(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!get(net, ip, port).startsWith("hello")) {
      assertThat(p.isAlive()).as("server on " + ip).isTrue();
      assertThat(System.nanoTime()).as("server on " + ip + " up within 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private String get(Path net, String ip, int port) {
    return CommandRunner.inNetworkNamespace(ns)
        .run(
            List.of(
                javaTool("java"),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                dir.toString(),
                "Net",
                "get",
                ip,
                String.valueOf(port)),
            new byte[0])
        .output()
        .strip();
  }

  private static String javaTool(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", command));
  }

  /** A one-file program run with the JDK's source launcher inside the namespace. */
  private static final String NET_JAVA =
      """
      import java.io.*;
      import java.net.*;
      import java.nio.charset.StandardCharsets;
      public class Net {
        public static void main(String[] a) throws Exception {
          if (a[0].equals("serve")) {
            try (ServerSocket s = new ServerSocket()) {
              s.bind(new InetSocketAddress(a[1], Integer.parseInt(a[2])));
              while (true) {
                try (Socket c = s.accept()) {
                  c.getOutputStream().write(("hello from " + a[1]).getBytes(StandardCharsets.UTF_8));
                }
              }
            }
          }
          try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress(a[1], Integer.parseInt(a[2])), 1000);
            System.out.print(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
          } catch (ConnectException e) {
            System.out.print("refused");
          } catch (SocketTimeoutException e) {
            System.out.print("timeout");
          }
        }
      }
      """;
}

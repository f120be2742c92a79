package dev.keelson.benchmarks.dns;

import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePortBuilder;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.discovery.v1.EndpointBuilder;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointSliceBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.net.dns.ClusterDnsConfig;
import dev.keelson.net.dns.ClusterDnsServer;
import dev.keelson.net.dns.ClusterDnsView;
import dev.keelson.net.dns.PodRecords;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster DNS queries per second, measured by the real {@code dnsperf} (package {@code dnsperf})
 * against {@link ClusterDnsServer} on loopback UDP (a main, not JMH: one end-to-end run).
 *
 * <p>The view holds {@code services} ClusterIP services (10 namespaces, one named port each) and
 * 100 headless services with 3 ready endpoints each. The query mix: 60% A of ClusterIP services,
 * 10% SRV of a named port, 10% A of a headless service, 10% NXDOMAIN, 10% PTR of a cluster IP.
 *
 * <p>In the same run it writes the same records as NSD zone files (package {@code nsd}), starts
 * {@code nsd} on a free loopback port from a temp directory with {@code server-count} equal to
 * {@code ioThreads}, and runs dnsperf with identical parameters alternately against Keelson and NSD
 * ({@code rounds} times each), then prints the means and the ratio Keelson/NSD.
 *
 * <p>Usage: {@code ClusterDnsPerf [seconds=10] [services=1000] [clients=4] [ioThreads=1]
 * [rounds=2]}.
 */
public final class ClusterDnsPerf {

  private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([0-9.]+)");

  private ClusterDnsPerf() {}

  /** Runs the benchmark and prints dnsperf's report. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int ioThreads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    Path dnsperf = Path.of("/usr/bin/dnsperf");
    if (!Files.isExecutable(dnsperf)) {
      System.err.println("dnsperf is not installed (apt-get install dnsperf): nothing measured");
      System.exit(2);
    }
    ClusterDnsView view = new ClusterDnsView("cluster.local", PodRecords.INSECURE);
    for (int i = 0; i < services; i++) {
      String ns = "ns" + (i % 10);
      view.upsertService(
          ServiceBuilder.builder()
              .metadata(ObjectMetaBuilder.builder().namespace(ns).name("svc" + i).build())
              .spec(
                  ServiceSpecBuilder.builder()
                      .type("ClusterIP")
                      .clusterIP(ip(96, i))
                      .clusterIPs(List.of(ip(96, i)))
                      .ports(
                          List.of(
                              ServicePortBuilder.builder()
                                  .name("http")
                                  .protocol("TCP")
                                  .port(80)
                                  .build()))
                      .build())
              .build());
    }
    for (int i = 0; i < 100; i++) {
      String ns = "ns" + (i % 10);
      view.upsertService(
          ServiceBuilder.builder()
              .metadata(ObjectMetaBuilder.builder().namespace(ns).name("hl" + i).build())
              .spec(
                  ServiceSpecBuilder.builder()
                      .type("ClusterIP")
                      .clusterIP("None")
                      .clusterIPs(List.of("None"))
                      .build())
              .build());
      List<dev.keelson.api.discovery.v1.Endpoint> eps = new ArrayList<>();
      for (int e = 0; e < 3; e++) {
        eps.add(
            EndpointBuilder.builder()
                .addresses(List.of(ip(1, i * 3 + e)))
                .conditions(new EndpointConditions(true, true, false))
                .build());
      }
      view.upsertEndpointSlice(
          EndpointSliceBuilder.builder()
              .metadata(
                  ObjectMetaBuilder.builder()
                      .namespace(ns)
                      .name("hl" + i + "-x")
                      .labels(Map.of(ClusterDnsView.SERVICE_NAME_LABEL, "hl" + i))
                      .build())
              .addressType("IPv4")
              .endpoints(eps)
              .build());
    }
    view.markSynced();

    StringBuilder queries = new StringBuilder();
    for (int q = 0; q < 10_000; q++) {
      int i = (q * 7919) % services;
      String ns = "ns" + (i % 10);
      switch (q % 10) {
        case 0 -> queries.append("_http._tcp.svc").append(i).append('.').append(ns);
        case 1 -> queries.append("hl").append(i % 100).append(".ns").append(i % 100 % 10);
        case 2 -> queries.append("missing").append(i).append('.').append(ns);
        case 3 -> queries.append(reverse(ip(96, i)));
        default -> queries.append("svc").append(i).append('.').append(ns);
      }
      switch (q % 10) {
        case 0 -> queries.append(".svc.cluster.local SRV\n");
        case 3 -> queries.append(" PTR\n");
        default -> queries.append(".svc.cluster.local A\n");
      }
    }
    Path file = Files.createTempFile("cluster-dns-queries", ".txt");
    Files.writeString(file, queries, StandardCharsets.US_ASCII);

    ClusterDnsConfig config =
        new ClusterDnsConfig(
            java.net.InetAddress.getLoopbackAddress(),
            0,
            5,
            null,
            256,
            256,
            1232,
            java.time.Duration.ofSeconds(2),
            java.time.Duration.ofSeconds(10),
            ioThreads);
    Path nsdDir = Files.createTempDirectory("cluster-dns-nsd");
    Process nsd = null;
    try (ClusterDnsServer server = ClusterDnsServer.start(config, view)) {
      int nsdPort = freePort();
      nsd = startNsd(nsdDir, nsdPort, services, ioThreads);
      List<Double> keelson = new ArrayList<>();
      List<Double> reference = new ArrayList<>();
      System.out.println("# warm-up (JIT), not counted:");
      dnsperf(dnsperf, "keelson warm-up", server.port(), file, Math.min(seconds, 3), clients);
      System.out.println("# load: " + loadAverage());
      for (int r = 0; r < rounds; r++) {
        keelson.add(dnsperf(dnsperf, "keelson", server.port(), file, seconds, clients));
        reference.add(dnsperf(dnsperf, "nsd", nsdPort, file, seconds, clients));
      }
      System.out.println("# load after: " + loadAverage());
      double k = keelson.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double n = reference.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf(
          "RESULT keelson %s mean %.0f q/s | nsd %s mean %.0f q/s | ratio keelson/nsd %.2f"
              + " (goal >= 0.50) | %d server thread(s) each%n",
          keelson, k, reference, n, n == 0 ? 0 : k / n, ioThreads);
    } finally {
      if (nsd != null) {
        nsd.destroy();
        if (!nsd.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          nsd.destroyForcibly();
        }
      }
      Files.deleteIfExists(file);
      try (var walk = Files.walk(nsdDir)) {
        for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Runs dnsperf once against the port and returns its queries per second. */
  private static double dnsperf(
      Path dnsperf, String label, int port, Path file, int seconds, int clients)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            dnsperf.toString(),
            "-s",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-d",
            file.toString(),
            "-l",
            Integer.toString(seconds),
            "-c",
            Integer.toString(clients),
            "-T",
            "1",
            "-q",
            "200");
    System.out.println("# " + label + ": " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    System.out.print(out);
    if (rc != 0) {
      throw new IOException("dnsperf against " + label + " exited " + rc);
    }
    Matcher m = QPS.matcher(out);
    if (!m.find()) {
      throw new IOException("no 'Queries per second' in dnsperf's output for " + label);
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * Writes the same records as the view (SOA/NS, ClusterIP A, SRV of the named port, headless A,
   * PTR of cluster IPs; TTL 5) as NSD zone files and starts {@code nsd -d} on loopback {@code port}
   * with its own config, pid, database and log files in {@code dir}. Response rate limiting is off
   * (NSD's default of 200 responses/s per client network would drop dnsperf's NXDOMAINs).
   */
  private static Process startNsd(Path dir, int port, int services, int threads)
      throws IOException, InterruptedException {
    Path nsd = Path.of("/usr/sbin/nsd");
    if (!Files.isExecutable(nsd)) {
      throw new IOException("nsd is not installed (apt-get install nsd): no reference server");
    }
    StringBuilder fwd = new StringBuilder();
    fwd.append("$ORIGIN cluster.local.\n$TTL 5\n")
        .append("@ IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n")
        .append("@ IN NS ns.dns.cluster.local.\nns.dns IN A 10.96.0.10\n");
    StringBuilder rev = new StringBuilder();
    rev.append("$ORIGIN 96.10.in-addr.arpa.\n$TTL 5\n")
        .append("@ IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n")
        .append("@ IN NS ns.dns.cluster.local.\n");
    for (int i = 0; i < services; i++) {
      String name = "svc" + i + ".ns" + (i % 10) + ".svc";
      fwd.append(name).append(" IN A ").append(ip(96, i)).append('\n');
      fwd.append("_http._tcp.")
          .append(name)
          .append(" IN SRV 0 100 80 ")
          .append(name)
          .append(".cluster.local.\n");
      rev.append(i & 0xff)
          .append('.')
          .append((i >> 8) & 0xff)
          .append(" IN PTR ")
          .append(name)
          .append(".cluster.local.\n");
    }
    for (int i = 0; i < 100; i++) {
      for (int e = 0; e < 3; e++) {
        fwd.append("hl").append(i).append(".ns").append(i % 10).append(".svc IN A ");
        fwd.append(ip(1, i * 3 + e)).append('\n');
      }
    }
    Files.writeString(dir.resolve("cluster.local.zone"), fwd, StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("96.10.in-addr.arpa.zone"), rev, StandardCharsets.US_ASCII);
    String d = dir.toString();
    String conf =
        String.join(
            "\n",
            "server:",
            "  ip-address: 127.0.0.1@" + port,
            "  port: " + port,
            "  server-count: " + threads,
            "  username: \"\"",
            "  chroot: \"\"",
            "  zonesdir: \"" + d + "\"",
            "  database: \"\"",
            "  zonelistfile: \"" + d + "/zone.list\"",
            "  xfrdfile: \"" + d + "/xfrd.state\"",
            "  xfrdir: \"" + d + "\"",
            "  pidfile: \"" + d + "/nsd.pid\"",
            "  logfile: \"" + d + "/nsd.log\"",
            "  hide-version: yes",
            "  rrl-ratelimit: 0",
            "  rrl-whitelist-ratelimit: 0",
            "remote-control:",
            "  control-enable: no",
            "zone:",
            "  name: cluster.local",
            "  zonefile: cluster.local.zone",
            "zone:",
            "  name: 96.10.in-addr.arpa",
            "  zonefile: 96.10.in-addr.arpa.zone",
            "");
    Path confFile = dir.resolve("nsd.conf");
    Files.writeString(confFile, conf, StandardCharsets.US_ASCII);
    Process p =
        new ProcessBuilder(nsd.toString(), "-d", "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nsd.out").toFile())
            .start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("nsd exited: " + Files.readString(dir.resolve("nsd.out")));
      }
      if (answers(port)) {
        System.out.println("# nsd " + d + " on 127.0.0.1:" + port + ", server-count " + threads);
        return p;
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IOException("nsd did not answer on port " + port + " within 20 s");
  }

  /** Whether a server on the loopback port answers an SOA query for cluster.local. */
  private static boolean answers(int port) {
    byte[] q = {
      0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'c', 'l', 'u', 's', 't', 'e', 'r', 5, 'l', 'o',
      'c', 'a', 'l', 0, 0, 6, 0, 1
    };
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(200);
      s.send(new DatagramPacket(q, q.length, InetAddress.getLoopbackAddress(), port));
      byte[] buf = new byte[512];
      DatagramPacket r = new DatagramPacket(buf, buf.length);
      s.receive(r);
      return r.getLength() > 12 && buf[0] == 0x12 && buf[1] == 0x34 && (buf[3] & 0xf) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String ip(int second, int i) {
    return "10." + second + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  private static String reverse(String ip) {
    String[] p = ip.split("\\.");
    return p[3] + "." + p[2] + "." + p[1] + "." + p[0] + ".in-addr.arpa";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}

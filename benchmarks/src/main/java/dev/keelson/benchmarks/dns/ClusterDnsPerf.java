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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster DNS queries per second, measured by the real {@code dnsperf} (package {@code dnsperf})
 * against {@link ClusterDnsServer} on loopback UDP (a main, not JMH: one end-to-end run).
 *
 * <p>The view holds {@code services} ClusterIP services (10 namespaces, one named port each) and
 * 100 headless services with 3 ready endpoints each. The query mix: 60% A of ClusterIP services,
 * 10% SRV of a named port, 10% A of a headless service, 10% NXDOMAIN, 10% PTR of a cluster IP.
 *
 * <p>Usage: {@code ClusterDnsPerf [seconds=10] [services=1000] [clients=4] [ioThreads=1]}.
 */
public final class ClusterDnsPerf {

  private ClusterDnsPerf() {}

  /** Runs the benchmark and prints dnsperf's report. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int ioThreads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
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
    try (ClusterDnsServer server = ClusterDnsServer.start(config, view)) {
      List<String> cmd =
          List.of(
              dnsperf.toString(),
              "-s",
              "127.0.0.1",
              "-p",
              Integer.toString(server.port()),
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
      System.out.println("# " + String.join(" ", cmd));
      System.out.println("# load: " + loadAverage());
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      int rc = p.waitFor();
      System.out.println("# load after: " + loadAverage());
      if (rc != 0) {
        System.exit(rc);
      }
    } finally {
      Files.deleteIfExists(file);
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

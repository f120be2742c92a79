package dev.keelson.net.dns;

import static dev.keelson.net.dns.Fixtures.clusterIp;
import static dev.keelson.net.dns.Fixtures.endpoint;
import static dev.keelson.net.dns.Fixtures.externalName;
import static dev.keelson.net.dns.Fixtures.headless;
import static dev.keelson.net.dns.Fixtures.legacyEndpoints;
import static dev.keelson.net.dns.Fixtures.pod;
import static dev.keelson.net.dns.Fixtures.port;
import static dev.keelson.net.dns.Fixtures.slice;
import static dev.keelson.net.dns.Fixtures.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.net.dns.Dig.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster DNS answers, as the real {@code dig} sees them over UDP and TCP on loopback. */
class ClusterDnsDigTest {

  static ClusterDnsView view;
  static ClusterDnsServer server;
  static int port;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Dig.available(), "dig is not installed (apt-get install dnsutils): skipping");
    view = ClusterDnsView.clusterLocal();
    view.upsertService(clusterIp("default", "web", List.of("10.96.0.10"), port("http", "TCP", 80)));
    view.upsertService(clusterIp("default", "v6", List.of("fd00::10")));
    view.upsertService(headless("default", "db", port("pg", "TCP", 5432)));
    view.upsertEndpointSlice(
        slice(
            "default",
            "db-abc",
            "db",
            "IPv4",
            List.of(
                endpoint("10.1.0.1", "db-0", true),
                endpoint("10.1.0.2", null, true),
                endpoint("10.1.0.3", "db-2", false)),
            slicePort("pg", "TCP", 5432)));
    view.upsertService(headless("default", "empty"));
    view.upsertService(externalName("default", "ext", "example.org"));
    view.upsertService(headless("default", "legacy"));
    view.upsertEndpoints(legacyEndpoints("default", "legacy", "10.2.0.9", "old"));
    view.upsertService(headless("default", "big"));
    List<Endpoint> many = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(endpoint("10.3.0." + i, null, true));
    }
    view.upsertEndpointSlice(slice("default", "big-1", "big", "IPv4", many));
    view.upsertPod(pod("default", "p", "10.4.0.7"));
    view.markSynced();
    server = ClusterDnsServer.start(ClusterDnsConfig.loopback(), view);
    port = server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void clusterIpServiceAnswersItsClusterIpWithTtl5() throws Exception {
    Result r = Dig.query(port, "web.default.svc.cluster.local", "A");
    assertThat(r.status()).isEqualTo("NOERROR");
    assertThat(r.flags()).contains("aa");
    assertThat(r.answerData("A")).containsExactly("10.96.0.10");
    assertThat(r.answer().get(0).get(1)).isEqualTo("5");
  }

  @Test
  void ipv6ServiceAnswersAaaaAndNodataForA() throws Exception {
    assertThat(Dig.query(port, "v6.default.svc.cluster.local", "AAAA").answerData("AAAA"))
        .containsExactly("fd00::10");
    Result a = Dig.query(port, "v6.default.svc.cluster.local", "A");
    assertThat(a.status()).isEqualTo("NOERROR");
    assertThat(a.answer()).isEmpty();
    assertThat(a.authority())
        .singleElement()
        .satisfies(rr -> assertThat(rr.get(3)).isEqualTo("SOA"));
  }

  @Test
  void headlessServiceAnswersReadyEndpointsOnly() throws Exception {
    Result r = Dig.query(port, "db.default.svc.cluster.local", "A");
    assertThat(r.answerData("A")).containsExactlyInAnyOrder("10.1.0.1", "10.1.0.2");
  }

  @Test
  void headlessServiceWithoutReadyEndpointsIsNxdomain() throws Exception {
    assertThat(Dig.query(port, "empty.default.svc.cluster.local", "A").status())
        .isEqualTo("NXDOMAIN");
  }

  @Test
  void endpointHostnameAndDashedIpNames() throws Exception {
    assertThat(Dig.query(port, "db-0.db.default.svc.cluster.local", "A").answerData("A"))
        .containsExactly("10.1.0.1");
    assertThat(Dig.query(port, "10-1-0-2.db.default.svc.cluster.local", "A").answerData("A"))
        .containsExactly("10.1.0.2");
    assertThat(Dig.query(port, "db-2.db.default.svc.cluster.local", "A").status())
        .as("not-ready endpoint")
        .isEqualTo("NXDOMAIN");
  }

  @Test
  void srvForNamedPortOfClusterIpService() throws Exception {
    Result r = Dig.query(port, "_http._tcp.web.default.svc.cluster.local", "SRV");
    assertThat(r.answerData("SRV")).containsExactly("0 100 80 web.default.svc.cluster.local.");
    assertThat(r.additional()).anySatisfy(rr -> assertThat(rr).containsSequence("A", "10.96.0.10"));
    assertThat(Dig.query(port, "_nope._tcp.web.default.svc.cluster.local", "SRV").status())
        .isEqualTo("NXDOMAIN");
  }

  @Test
  void srvForHeadlessServiceNamesEachEndpoint() throws Exception {
    Result r = Dig.query(port, "_pg._tcp.db.default.svc.cluster.local", "SRV");
    assertThat(r.answerData("SRV"))
        .containsExactlyInAnyOrder(
            "0 50 5432 db-0.db.default.svc.cluster.local.",
            "0 50 5432 10-1-0-2.db.default.svc.cluster.local.");
    assertThat(r.additional())
        .anySatisfy(rr -> assertThat(rr).containsSequence("A", "10.1.0.1"))
        .anySatisfy(rr -> assertThat(rr).containsSequence("A", "10.1.0.2"));
  }

  @Test
  void ptrForServiceAndEndpointIps() throws Exception {
    assertThat(Dig.query(port, "10.0.96.10.in-addr.arpa", "PTR").answerData("PTR"))
        .containsExactly("web.default.svc.cluster.local.");
    assertThat(Dig.query(port, "1.0.1.10.in-addr.arpa", "PTR").answerData("PTR"))
        .containsExactly("db-0.db.default.svc.cluster.local.");
    Result v6 = Dig.query(port, "-x", "fd00::10");
    assertThat(v6.answerData("PTR")).containsExactly("v6.default.svc.cluster.local.");
  }

  @Test
  void podRecords() throws Exception {
    assertThat(Dig.query(port, "10-4-0-7.default.pod.cluster.local", "A").answerData("A"))
        .containsExactly("10.4.0.7");
    assertThat(Dig.query(port, "10-4-0-999.default.pod.cluster.local", "A").status())
        .isEqualTo("NXDOMAIN");
    assertThat(Dig.query(port, "fd00--7.default.pod.cluster.local", "AAAA").answerData("AAAA"))
        .containsExactly("fd00::7");
  }

  @Test
  void externalNameIsACname() throws Exception {
    Result r = Dig.query(port, "ext.default.svc.cluster.local", "A");
    assertThat(r.status()).isEqualTo("NOERROR");
    assertThat(r.answerData("CNAME")).containsExactly("example.org.");
  }

  @Test
  void legacyEndpointsBackAServiceWithoutSlices() throws Exception {
    assertThat(Dig.query(port, "old.legacy.default.svc.cluster.local", "A").answerData("A"))
        .containsExactly("10.2.0.9");
  }

  @Test
  void nxdomainForMissingNamesNodataForMissingTypesBothWithSoa() throws Exception {
    Result nx = Dig.query(port, "nope.default.svc.cluster.local", "A");
    assertThat(nx.status()).isEqualTo("NXDOMAIN");
    assertThat(nx.authority())
        .singleElement()
        .satisfies(
            rr -> {
              assertThat(rr.get(0)).isEqualTo("cluster.local.");
              assertThat(rr.get(3)).isEqualTo("SOA");
              assertThat(rr.get(rr.size() - 1)).as("SOA minimum = negative TTL").isEqualTo("5");
            });
    Result nodata = Dig.query(port, "web.default.svc.cluster.local", "MX");
    assertThat(nodata.status()).isEqualTo("NOERROR");
    assertThat(nodata.answer()).isEmpty();
    assertThat(nodata.authority()).hasSize(1);
    assertThat(Dig.query(port, "default.svc.cluster.local", "A").status()).isEqualTo("NOERROR");
    assertThat(Dig.query(port, "nons.svc.cluster.local", "A").status()).isEqualTo("NXDOMAIN");
    assertThat(Dig.query(port, "what.cluster.local", "A").status()).isEqualTo("NXDOMAIN");
  }

  @Test
  void apexSoaAndDnsVersion() throws Exception {
    assertThat(Dig.query(port, "cluster.local", "SOA").answerData("SOA")).hasSize(1);
    assertThat(Dig.query(port, "dns-version.cluster.local", "TXT").answerData("TXT"))
        .containsExactly("\"1.1.0\"");
  }

  @Test
  void fortyEndpointsAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
    Result udp = Dig.query(port, "big.default.svc.cluster.local", "A", "+ignore", "+noedns");
    assertThat(udp.flags()).contains("tc");
    assertThat(udp.answer().size()).isLessThan(40);
    Result edns = Dig.query(port, "big.default.svc.cluster.local", "A", "+ignore", "+bufsize=1232");
    assertThat(edns.flags()).contains("tc");
    Result tcp = Dig.query(port, "big.default.svc.cluster.local", "A", "+tcp");
    assertThat(tcp.flags()).doesNotContain("tc");
    assertThat(tcp.answerData("A")).hasSize(40).contains("10.3.0.1", "10.3.0.40");
    Result retried = Dig.query(port, "big.default.svc.cluster.local", "A");
    assertThat(retried.output()).contains("Truncated, retrying in TCP mode");
    assertThat(retried.answerData("A")).hasSize(40);
    Result large = Dig.query(port, "big.default.svc.cluster.local", "A", "+bufsize=4096");
    assertThat(large.flags()).as("4096-byte EDNS0 buffer fits 40 records").doesNotContain("tc");
    assertThat(large.answerData("A")).hasSize(40);
  }

  @Test
  void nonClusterNamesWithoutUpstreamAreRefused() throws Exception {
    assertThat(Dig.query(port, "example.org", "A").status()).isEqualTo("REFUSED");
  }

  @Test
  void forwardsNonClusterNamesToTheUpstreamOverUdpAndTcp() throws Exception {
    ClusterDnsView upstreamView = new ClusterDnsView("upstream.test", PodRecords.DISABLED);
    upstreamView.upsertService(clusterIp("default", "far", List.of("10.9.9.9")));
    upstreamView.markSynced();
    try (ClusterDnsServer upstream =
            ClusterDnsServer.start(ClusterDnsConfig.loopback(), upstreamView);
        ClusterDnsServer forwarding =
            ClusterDnsServer.start(
                ClusterDnsConfig.loopback().withUpstream(upstream.address()),
                ClusterDnsView.clusterLocal())) {
      // the forwarding server's own view is not synced: cluster names SERVFAIL, others forward
      Result r = Dig.query(forwarding.port(), "far.default.svc.upstream.test", "A");
      assertThat(r.status()).isEqualTo("NOERROR");
      assertThat(r.answerData("A")).containsExactly("10.9.9.9");
      Result t = Dig.query(forwarding.port(), "far.default.svc.upstream.test", "A", "+tcp");
      assertThat(t.answerData("A")).containsExactly("10.9.9.9");
      assertThat(Dig.query(forwarding.port(), "gone.default.svc.upstream.test", "A").status())
          .isEqualTo("NXDOMAIN");
      assertThat(Dig.query(forwarding.port(), "web.default.svc.cluster.local", "A").status())
          .as("before the view has synced")
          .isEqualTo("SERVFAIL");
    }
  }

  @Test
  void ednsClientsGetAnOptRecordWithTheServersPayloadSize() throws Exception {
    Result r = Dig.query(port, "web.default.svc.cluster.local", "A", "+edns=0");
    assertThat(r.output()).contains("EDNS: version: 0").contains("udp: 1232");
    Result plain = Dig.query(port, "web.default.svc.cluster.local", "A", "+noedns");
    assertThat(plain.output()).doesNotContain("EDNS:");
    assertThat(plain.answerData("A")).containsExactly("10.96.0.10");
  }
}

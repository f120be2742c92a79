package dev.keelson.net.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.net.dns.ClusterDnsName.Apex;
import dev.keelson.net.dns.ClusterDnsName.DnsVersion;
import dev.keelson.net.dns.ClusterDnsName.EmptyNonTerminal;
import dev.keelson.net.dns.ClusterDnsName.EndpointName;
import dev.keelson.net.dns.ClusterDnsName.External;
import dev.keelson.net.dns.ClusterDnsName.Namespace;
import dev.keelson.net.dns.ClusterDnsName.PodName;
import dev.keelson.net.dns.ClusterDnsName.PodNamespace;
import dev.keelson.net.dns.ClusterDnsName.Reverse;
import dev.keelson.net.dns.ClusterDnsName.ServiceName;
import dev.keelson.net.dns.ClusterDnsName.SrvName;
import dev.keelson.net.dns.ClusterDnsName.SrvProto;
import dev.keelson.net.dns.ClusterDnsName.Unknown;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Classification of query names against the cluster zone (Kubernetes DNS specification). */
class ClusterDnsNameTest {

  private static ClusterDnsName parse(String name) {
    return ClusterDnsName.parse(name, "cluster.local");
  }

  @Test
  void serviceNamesAnyCaseAbsoluteOrNot() {
    assertThat(parse("web.default.svc.cluster.local."))
        .isEqualTo(new ServiceName("default", "web"));
    assertThat(parse("WEB.Default.SVC.cluster.local")).isEqualTo(new ServiceName("default", "web"));
  }

  @Test
  void endpointAndSrvNames() {
    assertThat(parse("db-0.db.ns.svc.cluster.local."))
        .isEqualTo(new EndpointName("ns", "db", "db-0"));
    assertThat(parse("_http._tcp.web.ns.svc.cluster.local."))
        .isEqualTo(new SrvName("ns", "web", "http", "tcp"));
    assertThat(parse("_dns._UDP.kube-dns.kube-system.svc.cluster.local."))
        .isEqualTo(new SrvName("kube-system", "kube-dns", "dns", "udp"));
    assertThat(parse("_tcp.web.ns.svc.cluster.local.")).isEqualTo(new SrvProto("ns", "web", "tcp"));
    assertThat(parse("_http._xyz.web.ns.svc.cluster.local.")).isInstanceOf(Unknown.class);
    assertThat(parse("a.b.web.ns.svc.cluster.local.")).isInstanceOf(Unknown.class);
  }

  @Test
  void zoneStructure() {
    assertThat(parse("cluster.local.")).isInstanceOf(Apex.class);
    assertThat(parse("dns-version.cluster.local.")).isInstanceOf(DnsVersion.class);
    assertThat(parse("svc.cluster.local.")).isInstanceOf(EmptyNonTerminal.class);
    assertThat(parse("pod.cluster.local.")).isInstanceOf(EmptyNonTerminal.class);
    assertThat(parse("ns.svc.cluster.local.")).isEqualTo(new Namespace("ns"));
    assertThat(parse("ns.pod.cluster.local.")).isEqualTo(new PodNamespace("ns"));
    assertThat(parse("foo.cluster.local.")).isInstanceOf(Unknown.class);
    assertThat(parse("a..svc.cluster.local.")).isInstanceOf(Unknown.class);
  }

  @Test
  void podNamesIpv4AndIpv6() throws Exception {
    assertThat(parse("10-1-2-3.ns.pod.cluster.local."))
        .isEqualTo(new PodName("ns", InetAddress.getByName("10.1.2.3")));
    assertThat(parse("fd00--1.ns.pod.cluster.local."))
        .isEqualTo(new PodName("ns", InetAddress.getByName("fd00::1")));
    assertThat(parse("10-1-2-256.ns.pod.cluster.local.")).isInstanceOf(Unknown.class);
    assertThat(parse("10-1-2.ns.pod.cluster.local.")).isInstanceOf(Unknown.class);
    assertThat(parse("web.ns.pod.cluster.local.")).isInstanceOf(Unknown.class);
  }

  @Test
  void reverseNames() throws Exception {
    assertThat(parse("10.0.96.10.in-addr.arpa."))
        .isEqualTo(new Reverse(InetAddress.getByName("10.96.0.10")));
    InetAddress v6 = InetAddress.getByName("fd00::10");
    assertThat(ClusterDnsName.reverseName(v6)).endsWith(".d.f.ip6.arpa.");
    assertThat(parse(ClusterDnsName.reverseName(v6))).isEqualTo(new Reverse(v6));
    assertThat(parse("96.10.in-addr.arpa.")).isInstanceOf(External.class);
  }

  @Test
  void namesOutsideTheZoneAreExternal() {
    assertThat(parse("example.org.")).isInstanceOf(External.class);
    assertThat(parse("notcluster.local.")).isInstanceOf(External.class);
  }

  @Test
  void dashedAddressForms() throws Exception {
    assertThat(ClusterDnsName.dashed(InetAddress.getByName("10.1.0.2"))).isEqualTo("10-1-0-2");
    assertThat(ClusterDnsName.dashed(InetAddress.getByName("fd00:0:0:0:0:0:0:1")))
        .isEqualTo("fd00--1");
    assertThat(
            ClusterDnsName.compressV6(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()))
        .isEqualTo("2001:db8::1:0:0:1");
  }
}

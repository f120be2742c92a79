package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.events.EventType;
import dev.keelson.node.spi.DnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolv.conf per dnsPolicy, kubelet's merge of dnsConfig and its limits. */
class DnsConfigurerTest {
  @TempDir Path tmp;
  private final List<String> events = new ArrayList<>();
  private final EventRecorder recorder =
      new EventRecorder() {
        @Override
        public void event(KubernetesObject o, EventType type, String reason, String message) {
          events.add(reason + ": " + message);
        }
      };

  private static Pod pod(String yaml) {
    return KubeJson.decodeYaml(yaml, Pod.class);
  }

  private DnsConfigurer dns(List<String> cluster) throws Exception {
    Path host =
        Files.writeString(
            tmp.resolve("resolv.conf"),
            "nameserver 192.168.1.1 ; comment\nnameserver 192.168.1.2\ndomain old.example\n"
                + "search corp.example.\noptions ndots:2 edns0\n");
    return new DnsConfigurer(cluster, "cluster.local", host, recorder);
  }

  @Test
  void hostResolvConfIsParsedWithSearchAndOptions() throws Exception {
    assertThat(dns(List.of()).host())
        .isEqualTo(
            new DnsConfig(
                List.of("192.168.1.1", "192.168.1.2"),
                List.of("corp.example"),
                List.of("ndots:2", "edns0")));
  }

  @Test
  void clusterFirstWithoutClusterDnsFallsBackToDefaultWithAnEvent() throws Exception {
    DnsConfig c =
        dns(List.of())
            .forPod(pod("metadata: {name: p, namespace: ns, uid: u}\nspec: {containers: []}"));
    assertThat(c.servers()).containsExactly("192.168.1.1", "192.168.1.2");
    assertThat(c.options()).containsExactly("ndots:2", "edns0");
    assertThat(events)
        .singleElement()
        .asString()
        .startsWith("MissingClusterDNS: pod: \"p_ns(u)\". kubelet does not have ClusterDNS IP");
  }

  @Test
  void defaultPolicyUsesTheHostEvenWithClusterDns() throws Exception {
    DnsConfig c =
        dns(List.of("10.96.0.10"))
            .forPod(
                pod(
                    "metadata: {name: p, namespace: ns}\nspec: {dnsPolicy: Default, containers: []}"));
    assertThat(c.servers()).containsExactly("192.168.1.1", "192.168.1.2");
    assertThat(c.searches()).containsExactly("corp.example");
  }

  @Test
  void nameserversAndSearchesAreCutToKubeletsLimits() throws Exception {
    StringBuilder searches = new StringBuilder();
    IntStream.range(0, 40).forEach(i -> searches.append("d").append(i).append(".example, "));
    Pod p =
        pod(
            """
            metadata: {name: p, namespace: ns}
            spec:
              dnsPolicy: None
              dnsConfig:
                nameservers: [1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4]
                searches: [%s]
              containers: []
            """
                .formatted(searches));
    DnsConfig c = dns(List.of("10.96.0.10")).forPod(p);
    assertThat(c.servers()).containsExactly("1.1.1.1", "2.2.2.2", "3.3.3.3");
    assertThat(c.searches()).hasSize(32).startsWith("d0.example").endsWith("d31.example");
    assertThat(c.options()).isEmpty();
    assertThat(events)
        .containsExactly(
            "DNSConfigForming: Nameserver limits were exceeded, some nameservers have been"
                + " omitted, the applied nameserver line is: 1.1.1.1 2.2.2.2 3.3.3.3",
            "DNSConfigForming: Search Line limits were exceeded, some search paths have been"
                + " omitted, the applied search line is: "
                + String.join(" ", c.searches()));
  }

  @Test
  void theFileHasSearchNameserverAndOptionsLines() throws Exception {
    Path f =
        DnsConfigurer.write(
            tmp.resolve("pod"),
            new DnsConfig(List.of("10.0.0.10"), List.of("a", "b"), List.of("ndots:5")));
    assertThat(Files.readString(f))
        .isEqualTo("search a b\nnameserver 10.0.0.10\noptions ndots:5\n");
  }
}

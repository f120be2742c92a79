package dev.keelson.net.proxy.nftables;

import static dev.keelson.net.proxy.ProxyFixtures.port;
import static dev.keelson.net.proxy.ProxyFixtures.ready;
import static dev.keelson.net.proxy.ProxyFixtures.service;
import static dev.keelson.net.proxy.ProxyFixtures.slice;
import static dev.keelson.net.proxy.ProxyFixtures.slicePort;
import static dev.keelson.net.proxy.ProxyFixtures.withAffinity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServiceProxy.SyncResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact nft input the backend writes, through a recording runner. */
class NftablesProxyTest {
  private final List<String> scripts = new ArrayList<>();
  private boolean fail;
  private final NftablesProxy proxy =
      new NftablesProxy(
          ProxyConfig.ipv4()
              .withClusterCidr("10.244.0.0/16")
              .withRunner(
                  (command, stdin) -> {
                    assertThat(command).containsExactly("nft", "-f", "-");
                    scripts.add(new String(stdin, StandardCharsets.UTF_8));
                    return fail
                        ? new CommandRunner.Result(1, "Error: Could not process rule")
                        : new CommandRunner.Result(0, "");
                  }));

  private static final Service WEB =
      service("ns", "web", "10.96.0.10", port("http", "TCP", 80, 30080));

  private static EndpointSlice webSlice(String... ips) {
    return slice(
        "ns",
        "web-1",
        "web",
        List.of(ips).stream().map(i -> ready(i)).toList(),
        slicePort("http", "TCP", 8080));
  }

  private static ProxyState state(List<Service> services, List<EndpointSlice> slices) {
    return ProxyState.of("IPv4", services, slices);
  }

  @Test
  void aFullSyncRebuildsTheTableAtomically() {
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.1.0.1", "10.1.0.2"))));
    String s = scripts.get(0);
    String svc = NftablesScript.serviceChain(state(List.of(WEB), List.of()).ports().get(0));
    assertThat(svc).matches("service-[A-Z2-7]{8}-ns/web/tcp/http");
    assertThat(s)
        .startsWith("add table ip kube-proxy\ndelete table ip kube-proxy\n")
        .contains(
            "add rule ip kube-proxy "
                + svc
                + " ip daddr 10.96.0.10 tcp dport 80 ip saddr != 10.244.0.0/16 jump"
                + " mark-for-masquerade\n")
        .containsPattern(
            "add rule ip kube-proxy "
                + svc
                + " numgen random mod 2 vmap \\{ 0 : goto endpoint-\\S+__10.1.0.1/8080, 1 : goto"
                + " endpoint-\\S+__10.1.0.2/8080 }\n")
        .containsPattern(
            "add rule ip kube-proxy endpoint-\\S+ meta l4proto tcp dnat to 10.1.0.1:8080\n")
        .contains(
            "add element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 : goto " + svc + " }\n")
        .containsPattern(
            "add element ip kube-proxy service-nodeports \\{ tcp . 30080 : goto external-\\S+ }\n");
  }

  @Test
  void partialSyncsTouchOnlyWhatChanged() {
    Service other = service("ns", "other", "10.96.0.20", port("", "UDP", 53, null));
    SyncResult first =
        proxy.sync(state(List.of(WEB, other), List.of(webSlice("10.1.0.1", "10.1.0.2"))));
    assertThat(first).isEqualTo(new SyncResult(true, 2, 0));
    assertThat(scripts.get(0))
        .contains(
            "add element ip kube-proxy no-endpoint-services { 10.96.0.20 . udp . 53 : goto reject-chain }");

    SyncResult second = proxy.sync(state(List.of(WEB, other), List.of(webSlice("10.1.0.2"))));
    assertThat(second).isEqualTo(new SyncResult(false, 1, 0));
    String s = scripts.get(1);
    assertThat(s)
        .doesNotContain("delete table")
        .doesNotContain("10.96.0.20")
        .contains("delete element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 }\n")
        .containsPattern("flush chain ip kube-proxy endpoint-\\S+__10.1.0.1/8080\n")
        .containsPattern("delete chain ip kube-proxy endpoint-\\S+__10.1.0.1/8080\n")
        .doesNotContainPattern("delete chain ip kube-proxy endpoint-\\S+__10.1.0.2/8080\n");
    assertThat(s.indexOf("delete chain"))
        .as("stale chains go last")
        .isGreaterThan(s.lastIndexOf("add element"));

    SyncResult third = proxy.sync(state(List.of(WEB), List.of(webSlice("10.1.0.2"))));
    assertThat(third).isEqualTo(new SyncResult(false, 0, 1));
    assertThat(scripts.get(2))
        .isEqualTo("delete element ip kube-proxy no-endpoint-services { 10.96.0.20 . udp . 53 }\n");
  }

  @Test
  void affinityUsesATimedSetPerEndpoint() {
    proxy.sync(state(List.of(withAffinity(WEB, 600)), List.of(webSlice("10.1.0.1"))));
    assertThat(scripts.get(0))
        .containsPattern(
            "add set ip kube-proxy affinity-\\S+ \\{ type ipv4_addr ; flags dynamic,timeout ; timeout 600s ; }")
        .containsPattern("update @affinity-\\S+ \\{ ip saddr }")
        .containsPattern("ip saddr @affinity-\\S+ goto endpoint-");
  }

  @Test
  void aFailedSyncMakesTheNextOneFull() {
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.1.0.1"))));
    fail = true;
    assertThatThrownBy(() -> proxy.sync(state(List.of(WEB), List.of(webSlice("10.1.0.3")))))
        .isInstanceOf(ProxyException.class)
        .hasMessage("nft failed (exit 1): Error: Could not process rule");
    fail = false;
    assertThat(proxy.sync(state(List.of(WEB), List.of(webSlice("10.1.0.3")))).full()).isTrue();
  }
}

package dev.keelson.net.proxy;

import static dev.keelson.net.proxy.ProxyFixtures.endpoint;
import static dev.keelson.net.proxy.ProxyFixtures.port;
import static dev.keelson.net.proxy.ProxyFixtures.ready;
import static dev.keelson.net.proxy.ProxyFixtures.service;
import static dev.keelson.net.proxy.ProxyFixtures.slice;
import static dev.keelson.net.proxy.ProxyFixtures.slicePort;
import static dev.keelson.net.proxy.ProxyFixtures.withAffinity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyStateTest {

  @Test
  void endpointsJoinTheirServicePortByNameAndProtocol() {
    Service web =
        service(
            "ns", "web", "10.96.0.10", port("http", "TCP", 80, null), port("dns", "UDP", 53, null));
    ProxyState state =
        ProxyState.of(
            "IPv4",
            List.of(web),
            List.of(
                slice(
                    "ns",
                    "web-a",
                    "web",
                    List.of(ready("10.1.0.2"), ready("10.1.0.1")),
                    slicePort("http", "TCP", 8080)),
                slice(
                    "ns",
                    "web-b",
                    "web",
                    List.of(ready("10.1.0.1"), ready("10.1.0.3")),
                    slicePort("http", "TCP", 8080),
                    slicePort("dns", "UDP", 5353)),
                slice(
                    "other",
                    "web-c",
                    "web",
                    List.of(ready("10.9.9.9")),
                    slicePort("http", "TCP", 8080))));
    assertThat(state.ports())
        .extracting(p -> p.name().toString())
        .containsExactly("ns/web:dns", "ns/web:http");
    assertThat(state.ports().get(1).endpoints())
        .as("deduplicated, sorted, other namespaces' slices ignored")
        .extracting(ProxyEndpoint::address)
        .containsExactly("10.1.0.1:8080", "10.1.0.2:8080", "10.1.0.3:8080");
    assertThat(state.ports().get(0).endpoints())
        .extracting(ProxyEndpoint::address)
        .containsExactly("10.1.0.1:5353", "10.1.0.3:5353");
    assertThat(state.ports().get(0).protocol()).isEqualTo("UDP");
  }

  @Test
  void terminatingServingEndpointsAreUsedOnlyWhenNoneIsReady() {
    Service web = service("ns", "web", "10.96.0.10", port("", "TCP", 80, null));
    var draining = endpoint("10.1.0.7", false, true, true);
    var gone = endpoint("10.1.0.8", false, false, true);
    ProxyState onlyDraining =
        ProxyState.of(
            "IPv4",
            List.of(web),
            List.of(slice("ns", "s", "web", List.of(draining, gone), slicePort("", "TCP", 80))));
    assertThat(onlyDraining.ports().get(0).endpoints())
        .extracting(ProxyEndpoint::ip)
        .containsExactly("10.1.0.7");
    ProxyState withReady =
        ProxyState.of(
            "IPv4",
            List.of(web),
            List.of(
                slice(
                    "ns",
                    "s",
                    "web",
                    List.of(draining, ready("10.1.0.9")),
                    slicePort("", "TCP", 80))));
    assertThat(withReady.ports().get(0).endpoints())
        .extracting(ProxyEndpoint::ip)
        .containsExactly("10.1.0.9");
    assertThat(withReady.ports().get(0).name().toString()).isEqualTo("ns/web");
  }

  @Test
  void headlessExternalNameAndOtherFamilyServicesAreNotProxied() {
    Service headless = service("ns", "h", "None", port("", "TCP", 80, null));
    Service v6 = service("ns", "v6", "fd00::10", port("", "TCP", 80, null));
    Service external =
        service("ns", "x", "10.96.0.3", port("", "TCP", 80, null))
            .withSpec(
                service("ns", "x", "10.96.0.3", port("", "TCP", 80, null))
                    .spec()
                    .withType("ExternalName")
                    .withExternalName("example.org"));
    assertThat(ProxyState.of("IPv4", List.of(headless, v6, external), List.of()).ports()).isEmpty();
    assertThat(ProxyState.of("IPv6", List.of(headless, v6, external), List.of()).ports())
        .singleElement()
        .satisfies(p -> assertThat(p.clusterIp()).isEqualTo("fd00::10"));
  }

  @Test
  void nodePortsAndAffinityAreCarried() {
    Service s = withAffinity(service("ns", "np", "10.96.0.4", port("web", "TCP", 80, 30080)), 600);
    ProxyServicePort p = ProxyState.of("IPv4", List.of(s), List.of()).ports().get(0);
    assertThat(p.nodePort()).isEqualTo(30080);
    assertThat(p.affinityTimeoutSeconds()).isEqualTo(600);
    assertThat(p.endpoints()).isEmpty();
  }
}

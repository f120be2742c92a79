package dev.keelson.net.daemon.hostgw;

import static dev.keelson.net.daemon.hostgw.NodeFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which routes host-gw wants and the exact ip -batch lines it writes. */
class HostGwRoutesTest {

  @Test
  void everyOtherNodesPodCidrsGoViaItsInternalIpOfTheSameFamily() {
    Map<String, String> routes =
        HostGwRoutes.desired(
            "a",
            List.of(
                node("a", List.of("10.244.0.0/24"), "192.168.1.10"),
                node(
                    "b", List.of("10.244.1.0/24", "fd00:10:244:1::/64"), "192.168.1.11", "fd00::b"),
                node("c", List.of("10.244.2.0/24", "fd00:10:244:2::/64"), "192.168.1.12"),
                node("d", List.of(), "192.168.1.13"),
                node("e", List.of("10.244.4.0/24"))));
    assertThat(routes)
        .containsExactly(
            Map.entry("10.244.1.0/24", "192.168.1.11"),
            Map.entry("10.244.2.0/24", "192.168.1.12"),
            Map.entry("fd00:10:244:1::/64", "fd00::b"));
  }

  @Test
  void malformedValuesNeverReachTheBatchAndTheFirstNodeByNameKeepsADuplicateCidr() {
    Map<String, String> routes =
        HostGwRoutes.desired(
            "self",
            List.of(
                node("z", List.of("10.244.1.0/24"), "192.168.1.99"),
                node("b", List.of("10.244.1.0/24"), "192.168.1.11"),
                node("x", List.of("10.244.9.0/24\nroute del default"), "192.168.1.12"),
                node("y", List.of("10.244.8.0/33"), "192.168.1.13"),
                node("w", List.of("10.244.7.0/24"), "192.168.1.14 dev lo")));
    assertThat(routes).containsExactly(Map.entry("10.244.1.0/24", "192.168.1.11"));
  }

  @Test
  void theBatchReplacesNewAndMovedRoutesAndDeletesGoneOnes() {
    Map<String, String> installed =
        Map.of(
            "10.244.1.0/24", "192.168.1.11",
            "10.244.2.0/24", "192.168.1.12",
            "10.244.3.0/24", "192.168.1.13");
    Map<String, String> desired =
        Map.of(
            "10.244.1.0/24", "192.168.1.11",
            "10.244.2.0/24", "192.168.1.22",
            "10.244.4.0/24", "192.168.1.14");
    assertThat(HostGwRoutes.batch(installed, desired, false))
        .isEqualTo(
            """
            route replace 10.244.2.0/24 via 192.168.1.22
            route replace 10.244.4.0/24 via 192.168.1.14
            route del 10.244.3.0/24 via 192.168.1.13
            """);
    assertThat(HostGwRoutes.batch(installed, desired, true))
        .isEqualTo(
            """
            route replace 10.244.1.0/24 via 192.168.1.11
            route replace 10.244.2.0/24 via 192.168.1.22
            route replace 10.244.4.0/24 via 192.168.1.14
            route del 10.244.3.0/24 via 192.168.1.13
            """);
    assertThat(HostGwRoutes.batch(desired, desired, false)).isEmpty();
  }
}

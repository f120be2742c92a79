package dev.keelson.net.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ServicePortName;
import org.junit.jupiter.api.Test;

class ChainNamesTest {
  /** The vector from kube-proxy's own tests: the same names as a real kube-proxy writes. */
  @Test
  void namesMatchKubeProxys() {
    ServicePortName name = new ServicePortName("ns1", "svc1", "p80");
    assertThat(ChainNames.service(name, "TCP")).isEqualTo("KUBE-SVC-XPGD46QRK7WJZT7O");
    assertThat(
            ChainNames.endpoint(
                name, "TCP", new ProxyEndpoint("10.180.0.1", 80, null, true, true, false)))
        .isEqualTo("KUBE-SEP-SXIVWICOYRO3J4NJ");
    assertThat(ChainNames.external(name, "TCP")).isEqualTo("KUBE-EXT-XPGD46QRK7WJZT7O");
  }

  @Test
  void argsSplitLikeIptablesRestore() {
    assertThat(IptablesArgs.split("-m comment --comment \"a b\" -j X"))
        .containsExactly("-m", "comment", "--comment", "a b", "-j", "X");
  }
}

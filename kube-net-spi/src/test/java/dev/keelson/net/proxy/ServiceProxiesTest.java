package dev.keelson.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.net.proxy.iptables.IptablesProxy;
import org.junit.jupiter.api.Test;

class ServiceProxiesTest {
  @Test
  void backendsAreFoundByName() {
    assertThat(ServiceProxies.names()).containsExactly("iptables", "ipvs", "nftables", "none");
    assertThat(ServiceProxies.provider("iptables").create(ProxyConfig.ipv4()))
        .isInstanceOf(IptablesProxy.class);
    assertThat(
            ServiceProxies.provider("none")
                .create(ProxyConfig.ipv4())
                .sync(ProxyState.empty("IPv4"))
                .full())
        .isTrue();
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> ServiceProxies.provider("ebpf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no service proxy backend named \"ebpf\"; there are: [")
        .hasMessageContaining("iptables");
  }
}

package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {
  @Test
  void defaultsServeTlsOnLoopback6443FromMemory() {
    ClusterMain.Options o = ClusterMain.Options.parse(new String[0]);
    assertThat(o.store()).isEqualTo("memory:");
    assertThat(o.bind().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(6443);
    assertThat(o.kubeconfig()).isEqualTo(Path.of("kubeconfig"));
    assertThat(o.nodes()).isEqualTo(3);
    assertThat(o.dnsPort()).isEqualTo(10053);
    assertThat(o.proxy()).isEqualTo("none");
    assertThat(o.component()).isEqualTo("all");
    assertThat(o.nodePrefix()).isEqualTo("node-");
  }

  @Test
  void flagsAreRead() {
    ClusterMain.Options o =
        ClusterMain.Options.parse(
            new String[] {
              "--store",
              "file:/tmp/x",
              "--port",
              "0",
              "--kubeconfig-out",
              "/tmp/kc",
              "--nodes",
              "0",
              "--dns-port",
              "-1",
              "--proxy",
              "iptables"
            });
    assertThat(o.store()).isEqualTo("file:/tmp/x");
    assertThat(o.port()).isZero();
    assertThat(o.kubeconfig()).isEqualTo(Path.of("/tmp/kc"));
    assertThat(o.nodes()).isZero();
    assertThat(o.dnsPort()).isEqualTo(-1);
    assertThat(o.proxy()).isEqualTo("iptables");
  }

  @Test
  void runtimeFlagsChooseCriForNodeOneAndItsSocket() {
    ClusterMain.Options d = ClusterMain.Options.parse(new String[0]);
    assertThat(d.runtime()).isEqualTo("simulated");
    assertThat(d.containerdSocket()).isEqualTo("/run/containerd/containerd.sock");
    ClusterMain.Options o =
        ClusterMain.Options.parse(
            new String[] {"--runtime", "cri", "--containerd-socket", "/tmp/ctrd.sock"});
    assertThat(o.runtime()).isEqualTo("cri");
    assertThat(o.containerdSocket()).isEqualTo("/tmp/ctrd.sock");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--runtime", "docker"}))
        .hasMessage("--runtime: one of simulated, cri: docker");
  }

  @Test
  void badFlagsAreClearErrors() {
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--port", "70000"}))
        .hasMessage("--port: not a port number (0-65535): 70000");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--store"}))
        .hasMessage("--store needs a value");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--frobnicate"}))
        .hasMessage("unknown argument: --frobnicate");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--nodes", "-1"}))
        .hasMessage("--nodes: not a node count (0-1000): -1");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--nodes", "many"}))
        .hasMessage("--nodes: not a node count (0-1000): many");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--dns-port", "-2"}))
        .hasMessage("--dns-port: not a port number (0-65535, or -1 for none): -2");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--component", "etcd"}))
        .hasMessage(
            "--component: one of all, apiserver, controllers, scheduler, node, proxy, dns: etcd");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--proxy", "ebpf"}))
        .hasMessageStartingWith("--proxy: one of ")
        .hasMessageEndingWith(": ebpf");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--bind", "not an ip!"}))
        .hasMessageStartingWith("--bind: not an address");
  }
}

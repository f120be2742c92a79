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
  }

  @Test
  void flagsAreRead() {
    ClusterMain.Options o =
        ClusterMain.Options.parse(
            new String[] {"--store", "file:/tmp/x", "--port", "0", "--kubeconfig-out", "/tmp/kc"});
    assertThat(o.store()).isEqualTo("file:/tmp/x");
    assertThat(o.port()).isZero();
    assertThat(o.kubeconfig()).isEqualTo(Path.of("/tmp/kc"));
  }

  @Test
  void badFlagsAreClearErrors() {
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--port", "70000"}))
        .hasMessage("--port: not a port number (0-65535): 70000");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--store"}))
        .hasMessage("--store needs a value");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--nodes", "3"}))
        .hasMessage("unknown argument: --nodes");
    assertThatThrownBy(() -> ClusterMain.Options.parse(new String[] {"--bind", "not an ip!"}))
        .hasMessageStartingWith("--bind: not an address");
  }
}

package dev.keelson.net.proxy.ipvs;

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

/**
 * The ipvs backend down to the exact commands and ipvsadm-restore input it issues. This kernel has
 * no IPVS, so these commands are checked here rather than run (see ServiceProxyIT for the skip).
 */
class IpvsProxyTest {
  private final List<String> log = new ArrayList<>();
  private String kernelSave = "";
  private String kernelAddrs = "";
  private boolean interfaceExists;
  private boolean failRestore;

  private final CommandRunner kernel =
      (command, stdin) -> {
        String c = String.join(" ", command);
        String in = new String(stdin, StandardCharsets.UTF_8);
        log.add(in.isEmpty() ? c : c + " <<\n" + in);
        return switch (c) {
          case "ipvsadm-save -n" -> new CommandRunner.Result(0, kernelSave);
          case "ip -o addr show dev kube-ipvs0" ->
              new CommandRunner.Result(interfaceExists ? 0 : 1, kernelAddrs);
          case "ip link show kube-ipvs0" -> new CommandRunner.Result(interfaceExists ? 0 : 1, "");
          case "ipvsadm-restore" ->
              failRestore
                  ? new CommandRunner.Result(1, "Memory allocation problem")
                  : new CommandRunner.Result(0, "");
          default -> new CommandRunner.Result(0, "");
        };
      };

  private final IpvsProxy proxy = new IpvsProxy(ProxyConfig.ipv4().withRunner(kernel));

  private static final Service WEB =
      service("ns", "web", "10.96.0.10", port("http", "TCP", 80, null));
  private static final Service DNS = service("ns", "dns", "10.96.0.53", port("", "UDP", 53, null));

  private static EndpointSlice webSlice(String... ips) {
    return slice(
        "ns",
        "web-1",
        "web",
        List.of(ips).stream().map(i -> ready(i)).toList(),
        slicePort("http", "TCP", 8080));
  }

  @Test
  void aFirstSyncReadsTheKernelCreatesTheInterfaceAndAddsEverything() {
    SyncResult r =
        proxy.sync(
            ProxyState.of("IPv4", List.of(WEB, DNS), List.of(webSlice("10.1.0.1", "10.1.0.2"))));
    assertThat(r).isEqualTo(new SyncResult(true, 2, 0));
    assertThat(log)
        .containsExactly(
            "ipvsadm-save -n",
            "ip -o addr show dev kube-ipvs0",
            "ip link show kube-ipvs0",
            "ip link add kube-ipvs0 type dummy",
            "ipvsadm-restore <<\n"
                + "-A -t 10.96.0.10:80 -s rr\n"
                + "-a -t 10.96.0.10:80 -r 10.1.0.1:8080 -m -w 1\n"
                + "-a -t 10.96.0.10:80 -r 10.1.0.2:8080 -m -w 1\n"
                + "-A -u 10.96.0.53:53 -s rr\n",
            "ip addr add 10.96.0.10/32 dev kube-ipvs0",
            "ip addr add 10.96.0.53/32 dev kube-ipvs0");
  }

  @Test
  void laterSyncsIssueOnlyTheDifference() {
    proxy.sync(ProxyState.of("IPv4", List.of(WEB, DNS), List.of(webSlice("10.1.0.1", "10.1.0.2"))));
    log.clear();
    SyncResult r =
        proxy.sync(
            ProxyState.of(
                "IPv4",
                List.of(withAffinity(WEB, 600)),
                List.of(webSlice("10.1.0.2", "10.1.0.3"))));
    assertThat(r).isEqualTo(new SyncResult(false, 1, 1));
    assertThat(log)
        .containsExactly(
            "ipvsadm-restore <<\n"
                + "-E -t 10.96.0.10:80 -s rr -p 600\n"
                + "-a -t 10.96.0.10:80 -r 10.1.0.3:8080 -m -w 1\n"
                + "-d -t 10.96.0.10:80 -r 10.1.0.1:8080\n"
                + "-D -u 10.96.0.53:53\n",
            "ip addr del 10.96.0.53/32 dev kube-ipvs0");
    log.clear();
    proxy.sync(
        ProxyState.of(
            "IPv4", List.of(withAffinity(WEB, 600)), List.of(webSlice("10.1.0.2", "10.1.0.3"))));
    assertThat(log).as("nothing changed: nothing issued").isEmpty();
  }

  @Test
  void aFullSyncRepairsWhatSomeoneElseChangedInTheKernel() {
    interfaceExists = true;
    kernelSave =
        """
        -A -t 10.96.0.10:80 -s rr
        -a -t 10.96.0.10:80 -r 10.1.0.9:8080 -m -w 1
        -A -t 10.96.9.9:443 -s rr
        """;
    kernelAddrs =
        "7: kube-ipvs0    inet 10.96.0.10/32 scope global kube-ipvs0\\       valid_lft forever\n"
            + "7: kube-ipvs0    inet 10.96.9.9/32 scope global kube-ipvs0\\       valid_lft forever\n";
    proxy.sync(ProxyState.of("IPv4", List.of(WEB), List.of(webSlice("10.1.0.1"))));
    assertThat(log)
        .containsExactly(
            "ipvsadm-save -n",
            "ip -o addr show dev kube-ipvs0",
            "ip link show kube-ipvs0",
            "ipvsadm-restore <<\n"
                + "-a -t 10.96.0.10:80 -r 10.1.0.1:8080 -m -w 1\n"
                + "-d -t 10.96.0.10:80 -r 10.1.0.9:8080\n"
                + "-D -t 10.96.9.9:443\n",
            "ip addr del 10.96.9.9/32 dev kube-ipvs0");
  }

  @Test
  void aFailedRestoreIsReportedAndTheNextSyncRereadsTheKernel() {
    proxy.sync(ProxyState.of("IPv4", List.of(WEB), List.of(webSlice("10.1.0.1"))));
    failRestore = true;
    assertThatThrownBy(
            () -> proxy.sync(ProxyState.of("IPv4", List.of(WEB), List.of(webSlice("10.1.0.2")))))
        .isInstanceOf(ProxyException.class)
        .hasMessage("ipvsadm-restore failed (exit 1): Memory allocation problem");
    failRestore = false;
    log.clear();
    assertThat(
            proxy.sync(ProxyState.of("IPv4", List.of(WEB), List.of(webSlice("10.1.0.2")))).full())
        .isTrue();
    assertThat(log.get(0)).isEqualTo("ipvsadm-save -n");
  }
}

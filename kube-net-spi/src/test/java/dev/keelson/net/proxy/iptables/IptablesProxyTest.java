package dev.keelson.net.proxy.iptables;

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

/** The exact iptables input the backend writes, through a recording runner. */
class IptablesProxyTest {
  private final List<List<String>> commands = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private int failRestores;

  private final CommandRunner recorder =
      (command, stdin) -> {
        commands.add(command);
        if (command.get(0).endsWith("-restore")) {
          inputs.add(new String(stdin, StandardCharsets.UTF_8));
          if (failRestores > 0) {
            failRestores--;
            return new CommandRunner.Result(2, "iptables-restore: line 7 failed");
          }
          return new CommandRunner.Result(0, "");
        }
        if (command.get(0).endsWith("-save")) {
          return new CommandRunner.Result(
              0,
              "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j OTHER\n:OTHER - [0:0]\nCOMMIT\n");
        }
        // -C finds no rule the first time; -I succeeds.
        return new CommandRunner.Result(command.contains("-C") ? 1 : 0, "");
      };

  private final IptablesProxy proxy =
      new IptablesProxy(ProxyConfig.ipv4().withClusterCidr("10.244.0.0/16").withRunner(recorder));

  private static ProxyState state(List<Service> services, List<EndpointSlice> slices) {
    return ProxyState.of("IPv4", services, slices);
  }

  private static final Service WEB =
      service("ns1", "svc1", "10.96.0.10", port("p80", "TCP", 80, null));

  private static EndpointSlice webSlice(String... ips) {
    return slice(
        "ns1",
        "svc1-x",
        "svc1",
        List.of(ips).stream().map(i -> ready(i)).toList(),
        slicePort("p80", "TCP", 80));
  }

  @Test
  void threeEndpointsAreChosenWithKubeProxysProbabilities() {
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.1", "10.180.0.2", "10.180.0.3"))));
    String in = inputs.get(0);
    String svc = "KUBE-SVC-XPGD46QRK7WJZT7O";
    assertThat(in)
        .contains(
            "-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d"
                + " 10.96.0.10/32 --dport 80 -j "
                + svc
                + "\n")
        .contains(
            "-A "
                + svc
                + " -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d"
                + " 10.96.0.10/32 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ\n")
        .contains(
            "-A "
                + svc
                + " -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -m statistic"
                + " --mode random --probability 0.3333333333 -j KUBE-SEP-SXIVWICOYRO3J4NJ\n")
        .contains("--probability 0.5000000000 -j KUBE-SEP-")
        .contains(
            "-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1/32 -j"
                + " KUBE-MARK-MASQ\n")
        .contains(
            "-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT"
                + " --to-destination 10.180.0.1:80\n")
        .endsWith("-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\nCOMMIT\n");
    assertThat(in.lines().filter(l -> l.startsWith("-A " + svc) && l.contains("-j KUBE-SEP-")))
        .as("the last endpoint is taken unconditionally")
        .hasSize(3)
        .last()
        .satisfies(l -> assertThat(l).doesNotContain("statistic"));
    assertThat(in.indexOf("*filter")).isLessThan(in.indexOf("*nat"));
  }

  @Test
  void servicesWithoutEndpointsAreRejectedInFilter() {
    Service np = service("ns", "np", "10.96.0.11", port("", "UDP", 53, 30053));
    proxy.sync(state(List.of(np), List.of()));
    assertThat(inputs.get(0))
        .contains(
            "-A KUBE-SERVICES -m comment --comment \"ns/np has no endpoints\" -m udp -p udp -d"
                + " 10.96.0.11/32 --dport 53 -j REJECT\n")
        .contains(
            "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"ns/np has no endpoints\" -m addrtype"
                + " --dst-type LOCAL -m udp -p udp --dport 30053 -j REJECT\n")
        .doesNotContain("KUBE-SVC-");
  }

  @Test
  void nodePortsGoThroughAnExternalChainThatMasquerades() {
    Service np = service("ns", "np", "10.96.0.12", port("http", "TCP", 80, 30080));
    proxy.sync(
        state(
            List.of(np),
            List.of(
                slice(
                    "ns",
                    "np-1",
                    "np",
                    List.of(ready("10.1.0.5")),
                    slicePort("http", "TCP", 8080)))));
    String ext =
        "KUBE-EXT-"
            + ChainNames.service(
                    new dev.keelson.net.proxy.ServicePortName("ns", "np", "http"), "TCP")
                .substring(9);
    assertThat(inputs.get(0))
        .contains(
            "-A KUBE-NODEPORTS -m comment --comment ns/np:http -m tcp -p tcp --dport 30080 -j "
                + ext
                + "\n")
        .contains(
            "-A "
                + ext
                + " -m comment --comment \"masquerade traffic for ns/np:http external destinations\" -j KUBE-MARK-MASQ\n")
        .contains("-A " + ext + " -j KUBE-SVC-");
  }

  @Test
  void clientIpAffinityChecksRecentBeforeBalancing() {
    proxy.sync(
        state(List.of(withAffinity(WEB, 600)), List.of(webSlice("10.180.0.1", "10.180.0.2"))));
    String in = inputs.get(0);
    int recent =
        in.indexOf(
            "-m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --rcheck --seconds 600 --reap -j KUBE-SEP-SXIVWICOYRO3J4NJ");
    assertThat(recent).isPositive();
    assertThat(recent).isLessThan(in.indexOf("--probability 0.5000000000"));
    assertThat(in)
        .contains(
            "-m tcp -p tcp -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --set -j DNAT --to-destination 10.180.0.1:80");
  }

  @Test
  void partialSyncsWriteOnlyChangedServicesAndDeleteStaleChains() {
    Service other = service("ns1", "other", "10.96.0.20", port("", "TCP", 443, null));
    EndpointSlice otherSlice =
        slice("ns1", "other-1", "other", List.of(ready("10.2.0.1")), slicePort("", "TCP", 443));
    SyncResult first =
        proxy.sync(
            state(List.of(WEB, other), List.of(webSlice("10.180.0.1", "10.180.0.2"), otherSlice)));
    assertThat(first).isEqualTo(new SyncResult(true, 2, 0));
    assertThat(commands.stream().filter(c -> c.contains("-I")))
        .as("jumps inserted once")
        .hasSize(IptablesProxy.JUMPS.size());

    SyncResult second =
        proxy.sync(state(List.of(WEB, other), List.of(webSlice("10.180.0.1"), otherSlice)));
    assertThat(second).isEqualTo(new SyncResult(false, 1, 0));
    String in = inputs.get(1);
    String otherSvc =
        ChainNames.service(new dev.keelson.net.proxy.ServicePortName("ns1", "other", ""), "TCP");
    assertThat(in)
        .as("unchanged service's chain is referenced but not rewritten")
        .contains("-j " + otherSvc + "\n")
        .doesNotContain(":" + otherSvc)
        .doesNotContain("-A " + otherSvc);
    String gone = in.lines().filter(l -> l.startsWith("-X ")).findFirst().orElseThrow();
    assertThat(gone).startsWith("-X KUBE-SEP-");
    assertThat(in).contains(":" + gone.substring(3) + " - [0:0]");
    assertThat(commands.stream().filter(c -> c.contains("-C")))
        .as("partial syncs skip the jump checks")
        .hasSize(IptablesProxy.JUMPS.size());

    SyncResult third = proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.1"))));
    assertThat(third).isEqualTo(new SyncResult(false, 0, 1));
    assertThat(inputs.get(2)).contains("-X " + otherSvc + "\n");
  }

  @Test
  void aFullSyncRestoresTheSavedTablesWholeAndAPartialOneWithNoflush() {
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.1"))));
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.2"))));
    List<List<String>> dataPlane =
        commands.stream().filter(c -> !c.contains("-C") && !c.contains("-I")).toList();
    assertThat(dataPlane)
        .containsExactly(
            List.of("iptables-save"),
            List.of("iptables-restore", "-w"),
            List.of("iptables-restore", "-w", "--noflush"));
    assertThat(inputs.get(0))
        .as("the full restore keeps what others wrote in the tables it rewrites")
        .contains(":OTHER - [0:0]\n")
        .contains("-A PREROUTING -j OTHER\n")
        .contains("-A KUBE-SEP-SXIVWICOYRO3J4NJ");
    assertThat(inputs.get(1)).doesNotContain("OTHER");
  }

  @Test
  void aFailedRestoreIsReportedAndTheNextSyncIsFull() {
    proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.1"))));
    failRestores = 1;
    assertThatThrownBy(() -> proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.2")))))
        .isInstanceOf(ProxyException.class)
        .hasMessageContaining("iptables-restore failed (exit 2): iptables-restore: line 7 failed");
    SyncResult retry = proxy.sync(state(List.of(WEB), List.of(webSlice("10.180.0.2"))));
    assertThat(retry.full()).isTrue();
    assertThat(inputs.getLast()).contains("-X KUBE-SEP-SXIVWICOYRO3J4NJ");
  }
}

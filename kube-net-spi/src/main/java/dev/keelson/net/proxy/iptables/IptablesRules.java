package dev.keelson.net.proxy.iptables;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Renders a {@link ProxyState} as {@code iptables-restore} input in kube-proxy's chain structure.
 *
 * <p>filter: {@code KUBE-SERVICES} rejects traffic to service ports without endpoints, {@code
 * KUBE-EXTERNAL-SERVICES} the same for node ports, {@code KUBE-FORWARD} drops INVALID and accepts
 * marked and established traffic. nat: {@code KUBE-SERVICES} sends each cluster IP and port to its
 * {@code KUBE-SVC-} chain and last, local destinations to {@code KUBE-NODEPORTS}; a {@code
 * KUBE-SVC-} chain marks traffic for masquerading when it does not come from the pod network, then
 * picks an endpoint (ClientIP affinity first via {@code -m recent}, then endpoint i of n with
 * probability 1/(n-i)); a {@code KUBE-SEP-} chain marks hairpin traffic and DNATs; {@code
 * KUBE-POSTROUTING} masquerades marked packets.
 *
 * <p>With {@code --noflush}, chains declared in the input are flushed and refilled while others are
 * left alone: a partial sync declares the top-level chains (always rewritten whole) and only the
 * chains of the service ports {@code write} accepts; stale chains are declared and deleted ({@code
 * -X}).
 */
final class IptablesRules {
  static final String MARK = "0x4000/0x4000";
  private static final String[] PROBABILITIES = new String[257];

  static {
    for (int k = 1; k < PROBABILITIES.length; k++) {
      PROBABILITIES[k] = String.format(Locale.ROOT, "%.10f", 1.0 / k);
    }
  }

  private IptablesRules() {}

  /**
   * The nat chain names of one service port (hashing them is most of the rule generation's cost, so
   * the backend keeps them for ports that did not change).
   *
   * @param service the {@code KUBE-SVC-} chain
   * @param external the {@code KUBE-EXT-} chain, null without a node port
   * @param endpoints the {@code KUBE-SEP-} chains, in endpoint order
   */
  record PortChains(String service, String external, List<String> endpoints) {
    /** Every chain, empty for a port without endpoints (it has none). */
    Set<String> all() {
      Set<String> chains = new LinkedHashSet<>();
      if (endpoints.isEmpty()) {
        return chains;
      }
      chains.add(service);
      if (external != null) {
        chains.add(external);
      }
      chains.addAll(endpoints);
      return chains;
    }
  }

  /** Computes the chain names of a service port. */
  static PortChains chainsOf(ProxyServicePort p) {
    List<String> seps = new ArrayList<>(p.endpoints().size());
    for (ProxyEndpoint e : p.endpoints()) {
      seps.add(ChainNames.endpoint(p.name(), p.protocol(), e));
    }
    return new PortChains(
        ChainNames.service(p.name(), p.protocol()),
        p.nodePort() > 0 ? ChainNames.external(p.name(), p.protocol()) : null,
        List.copyOf(seps));
  }

  /** The chains of one service port in the nat table. */
  static Set<String> natChains(ProxyServicePort p) {
    return chainsOf(p).all();
  }

  /** {@code 1/k} with 10 decimals, as kube-proxy writes the statistic probability. */
  static String probability(int k) {
    return k < PROBABILITIES.length
        ? PROBABILITIES[k]
        : String.format(Locale.ROOT, "%.10f", 1.0 / k);
  }

  /** The restore input, computing chain names as it goes. */
  static String render(
      ProxyState state, ProxyConfig config, Predicate<ProxyServicePort> write, Set<String> stale) {
    return render(state, config, write, stale, IptablesRules::chainsOf);
  }

  /**
   * The restore input.
   *
   * @param write which service ports' own chains to write (all for a full sync)
   * @param stale nat chains to delete (of removed service ports and endpoints)
   */
  static String render(
      ProxyState state,
      ProxyConfig config,
      Predicate<ProxyServicePort> write,
      Set<String> stale,
      Function<ProxyServicePort, PortChains> names) {
    StringBuilder filter = new StringBuilder();
    filter.append("*filter\n");
    for (String c :
        List.of("KUBE-NODEPORTS", "KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD")) {
      filter.append(':').append(c).append(" - [0:0]\n");
    }
    StringBuilder nat = new StringBuilder();
    List<String> natRules = new ArrayList<>();
    Set<String> natDeclared = new LinkedHashSet<>();
    natDeclared.addAll(
        List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"));
    natRules.add("-A KUBE-POSTROUTING -m mark ! --mark " + MARK + " -j RETURN");
    natRules.add("-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000");
    natRules.add(
        "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\""
            + " -j MASQUERADE --random-fully");
    natRules.add("-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000");

    for (ProxyServicePort p : state.ports()) {
      String proto = p.protocol().toLowerCase(Locale.ROOT);
      String match = " -m " + proto + " -p " + proto;
      String dest = " -d " + hostCidr(p.clusterIp()) + " --dport " + p.port();
      if (p.endpoints().isEmpty()) {
        filter
            .append("-A KUBE-SERVICES -m comment --comment \"")
            .append(p.name())
            .append(" has no endpoints\"")
            .append(match)
            .append(dest)
            .append(" -j REJECT\n");
        if (p.nodePort() > 0) {
          filter
              .append("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"")
              .append(p.name())
              .append(" has no endpoints\" -m addrtype --dst-type LOCAL")
              .append(match)
              .append(" --dport ")
              .append(p.nodePort())
              .append(" -j REJECT\n");
        }
        continue;
      }
      PortChains chains = names.apply(p);
      String svc = chains.service();
      natRules.add(
          "-A KUBE-SERVICES -m comment --comment \""
              + p.name()
              + " cluster IP\""
              + match
              + dest
              + " -j "
              + svc);
      if (p.nodePort() > 0) {
        String ext = chains.external();
        natRules.add(
            "-A KUBE-NODEPORTS -m comment --comment "
                + p.name()
                + match
                + " --dport "
                + p.nodePort()
                + " -j "
                + ext);
      }
      if (!write.test(p)) {
        continue;
      }
      natDeclared.addAll(chains.all());
      if (p.nodePort() > 0) {
        String ext = chains.external();
        natRules.add(
            "-A "
                + ext
                + " -m comment --comment \"masquerade traffic for "
                + p.name()
                + " external destinations\" -j KUBE-MARK-MASQ");
        natRules.add("-A " + ext + " -j " + svc);
      }
      String svcComment = " -m comment --comment \"" + p.name() + " cluster IP\"";
      if (config.masqueradeAll()) {
        natRules.add("-A " + svc + svcComment + match + dest + " -j KUBE-MARK-MASQ");
      } else if (config.clusterCidr() != null) {
        natRules.add(
            "-A "
                + svc
                + svcComment
                + match
                + dest
                + " ! -s "
                + config.clusterCidr()
                + " -j KUBE-MARK-MASQ");
      }
      List<ProxyEndpoint> eps = p.endpoints();
      if (p.clientIpAffinity()) {
        for (int i = 0; i < eps.size(); i++) {
          ProxyEndpoint e = eps.get(i);
          String sep = chains.endpoints().get(i);
          natRules.add(
              "-A "
                  + svc
                  + " -m comment --comment \""
                  + p.name()
                  + " -> "
                  + e.address()
                  + "\" -m recent --name "
                  + sep
                  + " --rcheck --seconds "
                  + p.affinityTimeoutSeconds()
                  + " --reap -j "
                  + sep);
        }
      }
      for (int i = 0; i < eps.size(); i++) {
        ProxyEndpoint e = eps.get(i);
        String sep = chains.endpoints().get(i);
        String comment = " -m comment --comment \"" + p.name() + " -> " + e.address() + "\"";
        String pick =
            i < eps.size() - 1
                ? " -m statistic --mode random --probability " + probability(eps.size() - i)
                : "";
        natRules.add("-A " + svc + comment + pick + " -j " + sep);
        natRules.add(
            "-A "
                + sep
                + " -m comment --comment "
                + p.name()
                + " -s "
                + hostCidr(e.ip())
                + " -j KUBE-MARK-MASQ");
        natRules.add(
            "-A "
                + sep
                + " -m comment --comment "
                + p.name()
                + match
                + (p.clientIpAffinity() ? " -m recent --name " + sep + " --set" : "")
                + " -j DNAT --to-destination "
                + e.address());
      }
    }
    natRules.add(
        "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be"
            + " the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");

    filter.append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
    filter.append(
        "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark "
            + MARK
            + " -j ACCEPT\n");
    filter.append(
        "-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m"
            + " conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
    filter.append("COMMIT\n");

    nat.append("*nat\n");
    for (String c : natDeclared) {
      nat.append(':').append(c).append(" - [0:0]\n");
    }
    for (String c : stale) {
      if (!natDeclared.contains(c)) {
        nat.append(':').append(c).append(" - [0:0]\n");
      }
    }
    for (String r : natRules) {
      nat.append(r).append('\n');
    }
    for (String c : stale) {
      if (!natDeclared.contains(c)) {
        nat.append("-X ").append(c).append('\n');
      }
    }
    nat.append("COMMIT\n");
    return filter.append(nat).toString();
  }

  private static String hostCidr(String ip) {
    return ip.indexOf(':') >= 0 ? ip + "/128" : ip + "/32";
  }
}

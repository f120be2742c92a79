package dev.keelson.net.proxy.iptables;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.FullSyncSchedule;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServicePortName;
import dev.keelson.net.proxy.ServiceProxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The iptables backend. A partial sync is one {@code iptables-restore --noflush} of both tables
 * (see {@link IptablesRules}); a full sync is an {@code iptables-save} and one restore of the
 * filter and nat tables whole, other owners' rules kept (see {@link IptablesFullRestore}); after a
 * full sync it makes sure the built-in chains jump to Keelson's top-level chains, as kube-proxy
 * does. Partial syncs rewrite only the chains of service ports that changed since the previous
 * sync; every {@link ProxyConfig#fullSyncEvery()}-th sync, and the sync after a failure, rewrites
 * everything.
 */
public final class IptablesProxy implements ServiceProxy {
  /** The jumps from built-in chains: table, chain, rule. */
  static final List<List<String>> JUMPS =
      List.of(
          List.of(
              "filter",
              "INPUT",
              "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible"
                  + " service portals\" -j KUBE-EXTERNAL-SERVICES"),
          List.of(
              "filter",
              "FORWARD",
              "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible"
                  + " service portals\" -j KUBE-EXTERNAL-SERVICES"),
          List.of(
              "filter",
              "FORWARD",
              "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j"
                  + " KUBE-SERVICES"),
          List.of(
              "filter",
              "OUTPUT",
              "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j"
                  + " KUBE-SERVICES"),
          List.of(
              "filter",
              "FORWARD",
              "-m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD"),
          List.of(
              "nat",
              "OUTPUT",
              "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"),
          List.of(
              "nat",
              "PREROUTING",
              "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"),
          List.of(
              "nat",
              "POSTROUTING",
              "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"));

  /** The most {@code iptables-save} output a full sync reads (10,000 services: about 50 MB). */
  static final int MAX_SAVE_BYTES = 512 << 20;

  private final ProxyConfig config;
  private final FullSyncSchedule schedule;
  private final String iptables;
  private final Map<ServicePortName, ProxyServicePort> synced = new HashMap<>();
  private final Map<ServicePortName, Set<String>> chains = new HashMap<>();
  private final Map<ServicePortName, IptablesRules.PortChains> names = new HashMap<>();

  /** A backend for {@code config}. */
  public IptablesProxy(ProxyConfig config) {
    this.config = config;
    this.schedule = new FullSyncSchedule(config.fullSyncEvery());
    this.iptables = config.family().equals("IPv6") ? "ip6tables" : "iptables";
  }

  @Override
  public synchronized SyncResult sync(ProxyState state) {
    config.requireFamily(state);
    boolean full = schedule.nextIsFull();
    Map<ServicePortName, ProxyServicePort> current = new HashMap<>();
    for (ProxyServicePort p : state.ports()) {
      current.put(p.name(), p);
    }
    Set<ProxyServicePort> write = new LinkedHashSet<>();
    Map<ServicePortName, Set<String>> newChains = new HashMap<>();
    Map<ServicePortName, IptablesRules.PortChains> newNames = new HashMap<>();
    for (ProxyServicePort p : state.ports()) {
      boolean same = p.equals(synced.get(p.name()));
      IptablesRules.PortChains n = same ? names.get(p.name()) : null;
      if (n == null) {
        n = IptablesRules.chainsOf(p);
      }
      newNames.put(p.name(), n);
      Set<String> known = same ? chains.get(p.name()) : null;
      newChains.put(p.name(), known != null ? known : n.all());
      if (full || !same) {
        write.add(p);
      }
    }
    Set<String> stale = new LinkedHashSet<>();
    int removed = 0;
    for (Map.Entry<ServicePortName, Set<String>> e : chains.entrySet()) {
      Set<String> now = newChains.getOrDefault(e.getKey(), Set.of());
      for (String c : e.getValue()) {
        if (!now.contains(c)) {
          stale.add(c);
        }
      }
      if (!current.containsKey(e.getKey())) {
        removed++;
      }
    }
    String input =
        IptablesRules.render(state, config, write::contains, stale, p -> newNames.get(p.name()));
    List<String> restore = List.of(iptables + "-restore", "-w", "--noflush");
    if (full) {
      // See IptablesFullRestore: a whole-table restore, since --noflush is quadratic in nft mode.
      CommandRunner.Result saved =
          config.runner().run(List.of(iptables + "-save"), new byte[0], MAX_SAVE_BYTES);
      if (saved.output().length() >= MAX_SAVE_BYTES) {
        schedule.failed();
        throw new ProxyException(
            iptables + "-save printed more than " + MAX_SAVE_BYTES + " bytes; not restoring");
      }
      if (!saved.ok()) {
        schedule.failed();
        throw new ProxyException(
            iptables + "-save failed (exit " + saved.exitCode() + "): " + saved.output().strip());
      }
      input = IptablesFullRestore.merge(saved.output(), input);
      restore = List.of(iptables + "-restore", "-w");
    }
    CommandRunner.Result r = config.runner().run(restore, input.getBytes(StandardCharsets.UTF_8));
    if (!r.ok()) {
      schedule.failed();
      throw new ProxyException(
          iptables + "-restore failed (exit " + r.exitCode() + "): " + r.output().strip());
    }
    if (full) {
      ensureJumps();
    }
    schedule.succeeded(full);
    synced.clear();
    synced.putAll(current);
    chains.clear();
    chains.putAll(newChains);
    names.clear();
    names.putAll(newNames);
    return new SyncResult(full, write.size(), removed);
  }

  /** Inserts each jump from a built-in chain unless it is there ({@code -C}, then {@code -I}). */
  private void ensureJumps() {
    for (List<String> jump : JUMPS) {
      List<String> rule = IptablesArgs.split(jump.get(2));
      List<String> check =
          concat(List.of(iptables, "-w", "-t", jump.get(0), "-C", jump.get(1)), rule);
      if (config.runner().run(check, new byte[0]).ok()) {
        continue;
      }
      List<String> insert =
          concat(List.of(iptables, "-w", "-t", jump.get(0), "-I", jump.get(1)), rule);
      CommandRunner.Result r = config.runner().run(insert, new byte[0]);
      if (!r.ok()) {
        schedule.failed();
        throw new ProxyException(
            "cannot add the jump to "
                + jump.get(1)
                + " in table "
                + jump.get(0)
                + ": "
                + r.output().strip());
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Override
  public void close() {}
}

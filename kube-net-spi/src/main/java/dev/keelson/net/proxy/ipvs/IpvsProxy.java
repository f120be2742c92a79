package dev.keelson.net.proxy.ipvs;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.FullSyncSchedule;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServiceProxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ipvs backend, as kube-proxy's ipvs mode: one virtual server per cluster IP, protocol and port
 * (scheduler {@code rr}; ClientIP affinity as a persistence timeout), one masquerading real server
 * per endpoint (weight 1), and every cluster IP bound to the dummy interface {@code kube-ipvs0}.
 *
 * <p>Each sync compares the desired state with what is there: after a failure and every {@link
 * ProxyConfig#fullSyncEvery()}-th sync it reads the kernel's state ({@code ipvsadm-save -n}, {@code
 * ip -o addr show dev kube-ipvs0}); otherwise it trusts its previous sync. Then it issues one
 * {@code ipvsadm-restore} with only the differences ({@code -A}/{@code -E}/{@code -D} for virtual
 * servers, {@code -a}/{@code -d} for real servers) and one {@code ip addr add}/{@code del} per
 * cluster IP that appeared or went.
 *
 * <p>Not done (kube-proxy does them): node ports (a virtual server per node address), the ipsets
 * and iptables rules that masquerade traffic from outside the pod network, and graceful termination
 * (weight 0 before removal).
 */
public final class IpvsProxy implements ServiceProxy {
  /** The dummy interface the cluster IPs are bound to. */
  public static final String INTERFACE = "kube-ipvs0";

  /** One virtual server: its ipvsadm service address ({@code -t 10.96.0.10:80}) and settings. */
  record VirtualServer(String service, int persistenceSeconds, Set<String> realServers) {}

  private final ProxyConfig config;
  private final FullSyncSchedule schedule;
  private Map<String, VirtualServer> synced = new TreeMap<>();
  private Set<String> boundIps = new TreeSet<>();

  /** A backend for {@code config}. */
  public IpvsProxy(ProxyConfig config) {
    this.config = config;
    this.schedule = new FullSyncSchedule(config.fullSyncEvery());
  }

  @Override
  public synchronized SyncResult sync(ProxyState state) {
    config.requireFamily(state);
    boolean full = schedule.nextIsFull();
    try {
      Map<String, VirtualServer> have = full ? readVirtualServers() : synced;
      Set<String> ips = full ? readBoundIps() : boundIps;
      if (full) {
        ensureInterface();
      }
      Map<String, VirtualServer> want = desired(state);
      Set<String> wantIps = new TreeSet<>();
      for (ProxyServicePort p : state.ports()) {
        wantIps.add(p.clusterIp());
      }
      StringBuilder restore = new StringBuilder();
      int written = 0;
      int removed = 0;
      for (VirtualServer w : want.values()) {
        VirtualServer h = have.get(w.service());
        if (w.equals(h)) {
          continue;
        }
        written++;
        if (h == null) {
          restore.append("-A ").append(w.service()).append(scheduling(w)).append('\n');
        } else if (h.persistenceSeconds() != w.persistenceSeconds()) {
          restore.append("-E ").append(w.service()).append(scheduling(w)).append('\n');
        }
        Set<String> old = h == null ? Set.of() : h.realServers();
        for (String r : w.realServers()) {
          if (!old.contains(r)) {
            restore.append("-a ").append(w.service()).append(" -r ").append(r).append(" -m -w 1\n");
          }
        }
        for (String r : old) {
          if (!w.realServers().contains(r)) {
            restore.append("-d ").append(w.service()).append(" -r ").append(r).append('\n');
          }
        }
      }
      for (String service : have.keySet()) {
        if (!want.containsKey(service)) {
          restore.append("-D ").append(service).append('\n');
          removed++;
        }
      }
      if (!restore.isEmpty()) {
        run(List.of("ipvsadm-restore"), restore.toString());
      }
      for (String ip : wantIps) {
        if (!ips.contains(ip)) {
          run(List.of("ip", "addr", "add", hostCidr(ip), "dev", INTERFACE), "");
        }
      }
      for (String ip : ips) {
        if (!wantIps.contains(ip)) {
          run(List.of("ip", "addr", "del", hostCidr(ip), "dev", INTERFACE), "");
        }
      }
      synced = want;
      boundIps = wantIps;
      schedule.succeeded(full);
      return new SyncResult(full, written, removed);
    } catch (RuntimeException e) {
      schedule.failed();
      throw e;
    }
  }

  private static String scheduling(VirtualServer v) {
    return " -s rr" + (v.persistenceSeconds() > 0 ? " -p " + v.persistenceSeconds() : "");
  }

  /** The virtual servers {@code state} asks for, by service address. */
  static Map<String, VirtualServer> desired(ProxyState state) {
    Map<String, VirtualServer> out = new TreeMap<>();
    for (ProxyServicePort p : state.ports()) {
      String service = flag(p.protocol()) + " " + hostPort(p.clusterIp(), p.port());
      Set<String> reals = new TreeSet<>();
      for (ProxyEndpoint e : p.endpoints()) {
        reals.add(hostPort(e.ip(), e.port()));
      }
      out.put(service, new VirtualServer(service, p.affinityTimeoutSeconds(), reals));
    }
    return out;
  }

  private static String flag(String protocol) {
    return switch (protocol.toUpperCase(Locale.ROOT)) {
      case "TCP" -> "-t";
      case "UDP" -> "-u";
      case "SCTP" -> "--sctp-service";
      default -> throw new IllegalArgumentException("unsupported protocol " + protocol);
    };
  }

  private static String hostPort(String ip, int port) {
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
  }

  private static String hostCidr(String ip) {
    return ip + (ip.indexOf(':') >= 0 ? "/128" : "/32");
  }

  /**
   * Parses {@code ipvsadm-save -n}: {@code -A -t a:p -s rr [-p N]} and {@code -a -t a:p -r r:p
   * ...}.
   */
  private Map<String, VirtualServer> readVirtualServers() {
    String saved = run(List.of("ipvsadm-save", "-n"), "");
    return parseSave(saved);
  }

  static Map<String, VirtualServer> parseSave(String saved) {
    Map<String, Integer> persistence = new LinkedHashMap<>();
    Map<String, Set<String>> reals = new LinkedHashMap<>();
    for (String line : saved.lines().map(String::strip).toList()) {
      String[] w = line.split("\\s+");
      if (w.length < 3 || !(w[0].equals("-A") || w[0].equals("-a"))) {
        continue;
      }
      String service = w[1] + " " + w[2];
      if (w[0].equals("-A")) {
        int p = 0;
        for (int i = 3; i + 1 < w.length; i++) {
          if (w[i].equals("-p")) {
            p = Integer.parseInt(w[i + 1]);
          }
        }
        persistence.put(service, p);
        reals.putIfAbsent(service, new TreeSet<>());
      } else {
        for (int i = 3; i + 1 < w.length; i++) {
          if (w[i].equals("-r")) {
            reals.computeIfAbsent(service, k -> new TreeSet<>()).add(w[i + 1]);
          }
        }
      }
    }
    Map<String, VirtualServer> out = new TreeMap<>();
    for (Map.Entry<String, Integer> e : persistence.entrySet()) {
      out.put(e.getKey(), new VirtualServer(e.getKey(), e.getValue(), reals.get(e.getKey())));
    }
    return out;
  }

  /** The addresses bound to {@link #INTERFACE} ({@code ip -o addr show dev kube-ipvs0}). */
  private Set<String> readBoundIps() {
    CommandRunner.Result r =
        config.runner().run(List.of("ip", "-o", "addr", "show", "dev", INTERFACE), new byte[0]);
    Set<String> out = new TreeSet<>();
    if (!r.ok()) {
      return out; // no interface yet: nothing bound
    }
    for (String line : r.output().lines().toList()) {
      String[] w = line.strip().split("\\s+");
      for (int i = 0; i + 1 < w.length; i++) {
        if (w[i].equals("inet") || w[i].equals("inet6")) {
          out.add(w[i + 1].substring(0, w[i + 1].indexOf('/')));
        }
      }
    }
    return out;
  }

  private void ensureInterface() {
    CommandRunner.Result show =
        config.runner().run(List.of("ip", "link", "show", INTERFACE), new byte[0]);
    if (!show.ok()) {
      run(List.of("ip", "link", "add", INTERFACE, "type", "dummy"), "");
    }
  }

  private String run(List<String> command, String stdin) {
    CommandRunner.Result r =
        config.runner().run(command, stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (!r.ok()) {
      throw new ProxyException(
          String.join(" ", command) + " failed (exit " + r.exitCode() + "): " + r.output().strip());
    }
    return r.output();
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "ipvs proxy (" + Objects.requireNonNull(config.family()) + ")";
  }
}

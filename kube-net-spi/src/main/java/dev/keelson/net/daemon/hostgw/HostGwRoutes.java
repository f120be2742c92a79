package dev.keelson.net.daemon.hostgw;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The pure part of {@code host-gw}: which routes the Nodes call for and the {@code ip -batch} input
 * that gets the kernel from the installed routes to them.
 */
public final class HostGwRoutes {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private HostGwRoutes() {}

  /**
   * The routes this node needs, pod CIDR to gateway, sorted by CIDR: for every other node, each of
   * its pod CIDRs ({@code spec.podCIDRs}, else {@code spec.podCIDR}) via its first {@code
   * InternalIP} of the same family. Nodes without either are skipped, as are malformed values; when
   * two nodes claim one CIDR the first by name wins.
   */
  public static Map<String, String> desired(String self, Collection<Node> nodes) {
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(n -> n.metadata().name()));
    Map<String, String> out = new TreeMap<>();
    for (Node n : sorted) {
      if (n.metadata().name().equals(self) || n.spec() == null || n.status() == null) {
        continue;
      }
      String v4 = null;
      String v6 = null;
      for (NodeAddress a : n.status().addresses()) {
        if (!"InternalIP".equals(a.type()) || a.address() == null) {
          continue;
        }
        if (v4 == null && isIpv4(a.address())) {
          v4 = a.address();
        } else if (v6 == null && isIpv6(a.address())) {
          v6 = a.address();
        }
      }
      List<String> cidrs = n.spec().podCIDRs();
      if (cidrs.isEmpty() && n.spec().podCIDR() != null && !n.spec().podCIDR().isEmpty()) {
        cidrs = List.of(n.spec().podCIDR());
      }
      for (String cidr : cidrs) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String ip = cidr.substring(0, slash);
        int bits;
        try {
          bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (isIpv4(ip) && bits >= 0 && bits <= 32 && v4 != null) {
          out.putIfAbsent(cidr, v4);
        } else if (isIpv6(ip) && bits >= 0 && bits <= 128 && v6 != null) {
          out.putIfAbsent(cidr, v6);
        }
      }
    }
    return out;
  }

  /**
   * The {@code ip -batch} input from {@code installed} to {@code desired}: {@code route replace
   * CIDR via IP} for each desired route that is new or moved (every desired route when {@code
   * all}), then {@code route del CIDR via IP} for each installed route no longer desired. Empty
   * when nothing is to be done.
   */
  public static String batch(
      Map<String, String> installed, Map<String, String> desired, boolean all) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(desired)
        .forEach(
            (cidr, via) -> {
              if (all || !via.equals(installed.get(cidr))) {
                b.append("route replace ").append(cidr).append(" via ").append(via).append('\n');
              }
            });
    new TreeMap<>(installed)
        .forEach(
            (cidr, via) -> {
              if (!desired.containsKey(cidr)) {
                b.append("route del ").append(cidr).append(" via ").append(via).append('\n');
              }
            });
    return b.toString();
  }

  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  static boolean isIpv6(String s) {
    return s.length() <= 45 && IPV6.matcher(s).matches();
  }
}

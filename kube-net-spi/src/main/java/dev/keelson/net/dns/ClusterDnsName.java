package dev.keelson.net.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A query name classified against the cluster zone, per the Kubernetes DNS specification. {@link
 * #parse(String, String)} never throws: malformed names inside the zone are {@link Unknown}.
 */
public sealed interface ClusterDnsName {

  /** The zone apex itself ({@code cluster.local.}). */
  record Apex() implements ClusterDnsName {}

  /** {@code dns-version.<zone>} (TXT: the specification's version). */
  record DnsVersion() implements ClusterDnsName {}

  /**
   * A name that exists only because names exist below it ({@code svc.<zone>}, {@code pod.<zone>}).
   */
  record EmptyNonTerminal(String description) implements ClusterDnsName {}

  /** {@code <ns>.svc.<zone>}: exists while the namespace has a Service. */
  record Namespace(String namespace) implements ClusterDnsName {}

  /** {@code <svc>.<ns>.svc.<zone>}. */
  record ServiceName(String namespace, String service) implements ClusterDnsName {}

  /** {@code <endpoint>.<svc>.<ns>.svc.<zone>} (endpoint hostname or dashed IP). */
  record EndpointName(String namespace, String service, String endpoint)
      implements ClusterDnsName {}

  /** {@code _<proto>.<svc>.<ns>.svc.<zone>}: an empty non-terminal above the SRV names. */
  record SrvProto(String namespace, String service, String protocol) implements ClusterDnsName {}

  /** {@code _<port>._<proto>.<svc>.<ns>.svc.<zone>} (protocol lower case: tcp, udp, sctp). */
  record SrvName(String namespace, String service, String port, String protocol)
      implements ClusterDnsName {}

  /** {@code <ns>.pod.<zone>}. */
  record PodNamespace(String namespace) implements ClusterDnsName {}

  /** {@code a-b-c-d.<ns>.pod.<zone>} (IPv6: colons as dashes). */
  record PodName(String namespace, InetAddress ip) implements ClusterDnsName {}

  /** {@code d.c.b.a.in-addr.arpa.} or a 32-nibble {@code ip6.arpa.} name. */
  record Reverse(InetAddress ip) implements ClusterDnsName {}

  /** Inside the cluster zone but matching no form: NXDOMAIN. */
  record Unknown() implements ClusterDnsName {}

  /** Outside the cluster zone (and not a full reverse name): forwarded upstream. */
  record External() implements ClusterDnsName {}

  /**
   * Classifies {@code name} (absolute or relative, any case) against {@code zone} (e.g. {@code
   * cluster.local}).
   */
  static ClusterDnsName parse(String name, String zone) {
    String n = canonical(name);
    String z = canonical(zone);
    if (n.endsWith(".in-addr.arpa.") || n.endsWith(".ip6.arpa.")) {
      InetAddress ip = reverseAddress(n);
      if (ip != null) {
        return new Reverse(ip);
      }
    }
    if (n.equals(z)) {
      return new Apex();
    }
    if (!n.endsWith("." + z)) {
      return new External();
    }
    String rel = n.substring(0, n.length() - z.length() - 1);
    String[] l = rel.split("\\.", -1);
    int k = l.length;
    for (String label : l) {
      if (label.isEmpty() || label.length() > 63) {
        return new Unknown();
      }
    }
    if (k == 1 && l[0].equals("dns-version")) {
      return new DnsVersion();
    }
    String kind = l[k - 1];
    if (kind.equals("svc")) {
      return switch (k) {
        case 1 -> new EmptyNonTerminal("svc");
        case 2 -> new Namespace(l[0]);
        case 3 -> new ServiceName(l[1], l[0]);
        case 4 ->
            l[0].startsWith("_") && isProtocol(l[0].substring(1))
                ? new SrvProto(l[2], l[1], l[0].substring(1))
                : new EndpointName(l[2], l[1], l[0]);
        case 5 ->
            l[0].startsWith("_")
                    && l[1].startsWith("_")
                    && isProtocol(l[1].substring(1))
                    && l[0].length() > 1
                ? new SrvName(l[3], l[2], l[0].substring(1), l[1].substring(1))
                : new Unknown();
        default -> new Unknown();
      };
    }
    if (kind.equals("pod")) {
      return switch (k) {
        case 1 -> new EmptyNonTerminal("pod");
        case 2 -> new PodNamespace(l[0]);
        case 3 -> {
          InetAddress ip = dashedAddress(l[0]);
          yield ip == null ? new Unknown() : new PodName(l[1], ip);
        }
        default -> new Unknown();
      };
    }
    return new Unknown();
  }

  /** Lower case with exactly one trailing dot. */
  static String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    while (n.endsWith("..")) {
      n = n.substring(0, n.length() - 1);
    }
    return n.endsWith(".") ? n : n + ".";
  }

  private static boolean isProtocol(String p) {
    return p.equals("tcp") || p.equals("udp") || p.equals("sctp");
  }

  /** {@code 10-1-2-3} or {@code fd00--1} to an address; null when malformed. */
  static InetAddress dashedAddress(String label) {
    if (label.chars().filter(c -> c == '-').count() == 3 && !label.contains("--")) {
      String[] p = label.split("-", -1);
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
          return null;
        }
        int v = Integer.parseInt(p[i]);
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return address(b);
    }
    String v6 = label.replace('-', ':');
    if (!v6.contains(":") || !v6.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(v6); // literal only: no lookup for hex-and-colons text
      return a.getAddress().length == 16 ? a : null;
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /** The address a dashed label stands for, in the form the specification uses. */
  static String dashed(InetAddress ip) {
    String s = ip.getHostAddress();
    if (ip.getAddress().length == 16) {
      s = compressV6(ip.getAddress());
    }
    return s.replace('.', '-').replace(':', '-');
  }

  /** RFC 5952 text for an IPv6 address. */
  static String compressV6(byte[] a) {
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (w[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && w[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(w[i]));
    }
    return sb.toString();
  }

  /** The reverse-lookup name of an address, absolute. */
  static String reverseName(InetAddress ip) {
    byte[] b = ip.getAddress();
    StringBuilder sb = new StringBuilder();
    if (b.length == 4) {
      for (int i = 3; i >= 0; i--) {
        sb.append(b[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa.").toString();
    }
    for (int i = 15; i >= 0; i--) {
      sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
      sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
    }
    return sb.append("ip6.arpa.").toString();
  }

  private static InetAddress reverseAddress(String n) {
    if (n.endsWith(".in-addr.arpa.")) {
      String[] p = n.substring(0, n.length() - ".in-addr.arpa.".length()).split("\\.", -1);
      if (p.length != 4) {
        return null;
      }
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        String s = p[3 - i];
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
          return null;
        }
        int v = Integer.parseInt(s);
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return address(b);
    }
    String[] p = n.substring(0, n.length() - ".ip6.arpa.".length()).split("\\.", -1);
    if (p.length != 32) {
      return null;
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 32; i++) {
      String s = p[31 - i];
      if (s.length() != 1 || Character.digit(s.charAt(0), 16) < 0) {
        return null;
      }
      int v = Character.digit(s.charAt(0), 16);
      b[i / 2] |= (byte) (i % 2 == 0 ? v << 4 : v);
    }
    return address(b);
  }

  private static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

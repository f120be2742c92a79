package dev.keelson.net.proxy.nftables;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ProxyServicePort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes {@code nft -f} input for the service proxy, in kube-proxy's nftables structure: verdict
 * maps {@code service-ips} and {@code service-nodeports} send traffic to a {@code service-} chain
 * per service port, which marks traffic from outside the pod network for masquerading and picks an
 * {@code endpoint-} chain with {@code numgen random mod N}; endpoint chains DNAT. Service ports
 * without endpoints are in {@code no-endpoint-services} / {@code no-endpoint-nodeports}, whose
 * verdict is a reject, checked by filter chains on new connections.
 */
final class NftablesScript {
  static final String TABLE = "kube-proxy";
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final StringBuilder out = new StringBuilder();
  private final String family;
  private final String addrType;
  private final String ip;
  private final ProxyConfig config;

  NftablesScript(ProxyConfig config) {
    this.config = config;
    boolean v6 = config.family().equals("IPv6");
    this.family = v6 ? "ip6" : "ip";
    this.addrType = v6 ? "ipv6_addr" : "ipv4_addr";
    this.ip = v6 ? "ip6" : "ip";
  }

  /** The table, as {@code nft} names it ({@code ip kube-proxy}). */
  String table() {
    return family + " " + TABLE;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  byte[] bytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private NftablesScript line(String s) {
    out.append(s).append('\n');
    return this;
  }

  private void rule(String chain, String rule) {
    line("add rule " + table() + " " + chain + " " + rule);
  }

  /** Replaces the whole table with the fixed chains and empty maps (the start of a full sync). */
  void recreateTable() {
    line("add table " + table());
    line("delete table " + table());
    line("add table " + table() + " { comment \"rules for kube-proxy\" ; }");
    String key = addrType + " . inet_proto . inet_service";
    line("add map " + table() + " service-ips { type " + key + " : verdict ; }");
    line("add map " + table() + " no-endpoint-services { type " + key + " : verdict ; }");
    line(
        "add map " + table() + " service-nodeports { type inet_proto . inet_service : verdict ; }");
    line(
        "add map "
            + table()
            + " no-endpoint-nodeports { type inet_proto . inet_service : verdict ; }");
    line("add chain " + table() + " mark-for-masquerade");
    rule("mark-for-masquerade", "mark set mark or 0x4000");
    line("add chain " + table() + " masquerading");
    rule("masquerading", "meta mark & 0x4000 == 0 return");
    rule("masquerading", "meta mark set meta mark xor 0x4000");
    rule("masquerading", "masquerade fully-random");
    String local = "fib daddr type local " + ip + " daddr != " + loopback();
    line("add chain " + table() + " services");
    rule("services", ip + " daddr . meta l4proto . th dport vmap @service-ips");
    rule("services", local + " meta l4proto . th dport vmap @service-nodeports");
    line("add chain " + table() + " reject-chain");
    rule("reject-chain", "reject");
    line("add chain " + table() + " service-endpoints-check");
    rule(
        "service-endpoints-check",
        ip + " daddr . meta l4proto . th dport vmap @no-endpoint-services");
    rule("service-endpoints-check", local + " meta l4proto . th dport vmap @no-endpoint-nodeports");
    base("nat-prerouting", "nat", "prerouting", "dstnat", "jump services");
    base("nat-output", "nat", "output", "-100", "jump services");
    base("nat-postrouting", "nat", "postrouting", "srcnat", "jump masquerading");
    for (String hook : new String[] {"input", "forward", "output"}) {
      base("filter-" + hook, "filter", hook, "-110", "ct state new jump service-endpoints-check");
    }
  }

  private void base(String chain, String type, String hook, String priority, String rule) {
    line(
        "add chain "
            + table()
            + " "
            + chain
            + " { type "
            + type
            + " hook "
            + hook
            + " priority "
            + priority
            + " ; policy accept ; }");
    rule(chain, rule);
  }

  private String loopback() {
    return ip.equals("ip6") ? "::1" : "127.0.0.0/8";
  }

  /** The chains and sets one service port owns. */
  static Set<String> objects(ProxyServicePort p) {
    Set<String> names = new LinkedHashSet<>();
    if (p.endpoints().isEmpty()) {
      return names;
    }
    names.add("chain " + serviceChain(p));
    if (p.nodePort() > 0) {
      names.add("chain " + externalChain(p));
    }
    for (ProxyEndpoint e : p.endpoints()) {
      names.add("chain " + endpointChain(p, e));
      if (p.clientIpAffinity()) {
        names.add("set " + affinitySet(p, e));
      }
    }
    return names;
  }

  /** Adds (or replaces the contents of) the chains, sets and map elements of {@code p}. */
  void writeServicePort(ProxyServicePort p) {
    String proto = p.protocol().toLowerCase(Locale.ROOT);
    if (p.endpoints().isEmpty()) {
      line(
          "add element "
              + table()
              + " no-endpoint-services { "
              + p.clusterIp()
              + " . "
              + proto
              + " . "
              + p.port()
              + " : goto reject-chain }");
      if (p.nodePort() > 0) {
        line(
            "add element "
                + table()
                + " no-endpoint-nodeports { "
                + proto
                + " . "
                + p.nodePort()
                + " : goto reject-chain }");
      }
      return;
    }
    String svc = serviceChain(p);
    for (ProxyEndpoint e : p.endpoints()) {
      String sep = endpointChain(p, e);
      fresh(sep);
      if (p.clientIpAffinity()) {
        line(
            "add set "
                + table()
                + " "
                + affinitySet(p, e)
                + " { type "
                + addrType
                + " ; flags dynamic,timeout ; timeout "
                + p.affinityTimeoutSeconds()
                + "s ; }");
      }
      rule(sep, ip + " saddr " + e.ip() + " jump mark-for-masquerade");
      if (p.clientIpAffinity()) {
        rule(sep, "update @" + affinitySet(p, e) + " { " + ip + " saddr }");
      }
      rule(sep, "meta l4proto " + proto + " dnat to " + e.address());
    }
    fresh(svc);
    String dest = ip + " daddr " + p.clusterIp() + " " + proto + " dport " + p.port();
    if (config.masqueradeAll()) {
      rule(svc, dest + " jump mark-for-masquerade");
    } else if (config.clusterCidr() != null) {
      rule(
          svc, dest + " " + ip + " saddr != " + config.clusterCidr() + " jump mark-for-masquerade");
    }
    if (p.clientIpAffinity()) {
      for (ProxyEndpoint e : p.endpoints()) {
        rule(svc, ip + " saddr @" + affinitySet(p, e) + " goto " + endpointChain(p, e));
      }
    }
    StringBuilder vmap =
        new StringBuilder("numgen random mod " + p.endpoints().size() + " vmap { ");
    for (int i = 0; i < p.endpoints().size(); i++) {
      vmap.append(i == 0 ? "" : ", ")
          .append(i)
          .append(" : goto ")
          .append(endpointChain(p, p.endpoints().get(i)));
    }
    rule(svc, vmap.append(" }").toString());
    line(
        "add element "
            + table()
            + " service-ips { "
            + p.clusterIp()
            + " . "
            + proto
            + " . "
            + p.port()
            + " : goto "
            + svc
            + " }");
    if (p.nodePort() > 0) {
      String ext = externalChain(p);
      fresh(ext);
      rule(ext, "jump mark-for-masquerade");
      rule(ext, "goto " + svc);
      line(
          "add element "
              + table()
              + " service-nodeports { "
              + proto
              + " . "
              + p.nodePort()
              + " : goto "
              + ext
              + " }");
    }
  }

  /** Removes the map elements of {@code p} (as it was last written). */
  void deleteElements(ProxyServicePort p) {
    String proto = p.protocol().toLowerCase(Locale.ROOT);
    String services = p.endpoints().isEmpty() ? "no-endpoint-services" : "service-ips";
    line(
        "delete element "
            + table()
            + " "
            + services
            + " { "
            + p.clusterIp()
            + " . "
            + proto
            + " . "
            + p.port()
            + " }");
    if (p.nodePort() > 0) {
      String nodePorts = p.endpoints().isEmpty() ? "no-endpoint-nodeports" : "service-nodeports";
      line(
          "delete element "
              + table()
              + " "
              + nodePorts
              + " { "
              + proto
              + " . "
              + p.nodePort()
              + " }");
    }
  }

  /** Empties stale chains (so nothing refers to one another), then deletes them and stale sets. */
  void deleteObjects(Set<String> stale) {
    for (String o : stale) {
      if (o.startsWith("chain ")) {
        line("flush " + o.substring(0, 6) + table() + " " + o.substring(6));
      }
    }
    for (String o : stale) {
      String kind = o.substring(0, o.indexOf(' '));
      line("delete " + kind + " " + table() + " " + o.substring(kind.length() + 1));
    }
  }

  private void fresh(String chain) {
    line("add chain " + table() + " " + chain);
    line("flush chain " + table() + " " + chain);
  }

  static String serviceChain(ProxyServicePort p) {
    String base = base(p);
    return "service-" + hash(base) + "-" + base;
  }

  static String externalChain(ProxyServicePort p) {
    String base = base(p);
    return "external-" + hash(base) + "-" + base;
  }

  static String endpointChain(ProxyServicePort p, ProxyEndpoint e) {
    String base = base(p) + "__" + e.ip() + "/" + e.port();
    return "endpoint-" + hash(base) + "-" + base;
  }

  static String affinitySet(ProxyServicePort p, ProxyEndpoint e) {
    String base = base(p) + "__" + e.ip() + "/" + e.port();
    return "affinity-" + hash(base) + "-" + base;
  }

  /** {@code ns/name/protocol/port}: the readable part of every per-service name. */
  private static String base(ProxyServicePort p) {
    String port = p.name().port().isEmpty() ? String.valueOf(p.port()) : p.name().port();
    return p.name().namespace()
        + "/"
        + p.name().name()
        + "/"
        + p.protocol().toLowerCase(Locale.ROOT)
        + "/"
        + port;
  }

  /** The first 8 characters of the base32 SHA-256 of {@code s}. */
  static String hash(String s) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
    // 8 base32 characters are 40 bits: the first 5 bytes.
    long bits = 0;
    for (int i = 0; i < 5; i++) {
      bits = (bits << 8) | (d[i] & 0xff);
    }
    char[] c = new char[8];
    for (int i = 7; i >= 0; i--) {
      c[i] = BASE32[(int) (bits & 31)];
      bits >>= 5;
    }
    return new String(c);
  }
}

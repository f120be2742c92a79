package dev.keelson.net.cni;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The success result of a CNI ADD (spec versions 0.3.0 and later; the older {@code ip4}/{@code ip6}
 * form is rejected): the interfaces, addresses, routes and DNS the network set up.
 *
 * @param cniVersion the version of the result format
 * @param interfaces the interfaces created or configured
 * @param ips the addresses assigned
 * @param routes the routes installed
 * @param dns DNS information, {@link CniDns#EMPTY} when none
 */
public record CniResult(
    String cniVersion,
    List<CniInterface> interfaces,
    List<CniIpConfig> ips,
    List<CniRoute> routes,
    CniDns dns) {

  /** Normalizes nulls and copies the lists. */
  public CniResult {
    cniVersion = cniVersion == null ? "" : cniVersion;
    interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    ips = ips == null ? List.of() : List.copyOf(ips);
    routes = routes == null ? List.of() : List.copyOf(routes);
    dns = dns == null ? CniDns.EMPTY : dns;
  }

  /** The interface an address belongs to, when its index points at one. */
  public Optional<CniInterface> interfaceOf(CniIpConfig ip) {
    int i = ip.interfaceIndex();
    return i >= 0 && i < interfaces.size() ? Optional.of(interfaces.get(i)) : Optional.empty();
  }

  /** The addresses on interfaces inside the sandbox named {@code ifName}. */
  public List<CniIpConfig> ipsOn(String ifName) {
    List<CniIpConfig> out = new ArrayList<>();
    for (CniIpConfig ip : ips) {
      interfaceOf(ip)
          .filter(itf -> itf.inSandbox() && itf.name().equals(ifName))
          .ifPresent(itf -> out.add(ip));
    }
    return out;
  }

  /**
   * Parses a result document.
   *
   * @throws CniException with {@link CniErrorCode#DECODE_FAILURE} when it is not a result
   */
  public static CniResult parse(JsonNode node, String plugin) {
    if (node == null || !node.isObject()) {
      throw decode(plugin, "result is not a JSON object");
    }
    String version = text(node, "cniVersion");
    if (node.has("ip4") || node.has("ip6")) {
      throw new CniException(
          CniErrorCode.INCOMPATIBLE_VERSION.code(),
          "result version " + version + " (ip4/ip6 form) is not supported; use 0.3.0 or later",
          "",
          plugin);
    }
    List<CniInterface> interfaces = new ArrayList<>();
    for (JsonNode i : array(node, "interfaces", plugin)) {
      interfaces.add(new CniInterface(text(i, "name"), text(i, "mac"), text(i, "sandbox")));
    }
    List<CniIpConfig> ips = new ArrayList<>();
    for (JsonNode i : array(node, "ips", plugin)) {
      String address = text(i, "address");
      if (address.isEmpty()) {
        throw decode(plugin, "ips[] entry without address");
      }
      JsonNode idx = i.get("interface");
      int index = idx != null && idx.canConvertToInt() ? idx.asInt() : -1;
      ips.add(new CniIpConfig(address, text(i, "gateway"), index));
    }
    List<CniRoute> routes = new ArrayList<>();
    for (JsonNode r : array(node, "routes", plugin)) {
      routes.add(new CniRoute(text(r, "dst"), text(r, "gw")));
    }
    CniDns dns = CniDns.EMPTY;
    JsonNode d = node.get("dns");
    if (d != null && d.isObject()) {
      dns =
          new CniDns(
              strings(d, "nameservers"),
              text(d, "domain"),
              strings(d, "search"),
              strings(d, "options"));
    }
    return new CniResult(version, interfaces, ips, routes, dns);
  }

  private static CniException decode(String plugin, String msg) {
    return new CniException(CniErrorCode.DECODE_FAILURE.code(), msg, "", plugin);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String plugin) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw decode(plugin, "result field " + field + " is not a list");
    }
    return v;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = node.get(field);
    if (v != null && v.isArray()) {
      v.forEach(s -> out.add(s.asText()));
    }
    return out;
  }
}

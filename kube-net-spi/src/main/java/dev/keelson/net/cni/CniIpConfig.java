package dev.keelson.net.cni;

/**
 * An IP address assigned by a plugin ({@code ips[]} of a result).
 *
 * @param address the address with prefix length, e.g. {@code 10.88.0.5/16}
 * @param gateway the default gateway, "" when none
 * @param interfaceIndex the index into the result's interfaces, -1 when absent
 */
public record CniIpConfig(String address, String gateway, int interfaceIndex) {
  /** Normalizes nulls to "". */
  public CniIpConfig {
    address = address == null ? "" : address;
    gateway = gateway == null ? "" : gateway;
  }

  /** The address without its prefix length, e.g. {@code 10.88.0.5}. */
  public String ip() {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  /** Whether this is an IPv6 address. */
  public boolean isIpv6() {
    return address.contains(":");
  }
}

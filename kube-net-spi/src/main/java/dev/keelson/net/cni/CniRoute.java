package dev.keelson.net.cni;

/**
 * A route a plugin installed ({@code routes[]} of a result).
 *
 * @param dst the destination in CIDR form
 * @param gw the next hop, "" when none
 */
public record CniRoute(String dst, String gw) {
  /** Normalizes nulls to "". */
  public CniRoute {
    dst = dst == null ? "" : dst;
    gw = gw == null ? "" : gw;
  }
}

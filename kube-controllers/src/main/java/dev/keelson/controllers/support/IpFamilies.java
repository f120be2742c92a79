package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * IP families ({@code IPv4}, {@code IPv6}) of addresses and Services, as the endpoint controllers
 * use them.
 */
public final class IpFamilies {
  /** The IPv4 family (also the EndpointSlice address type). */
  public static final String IPV4 = "IPv4";

  /** The IPv6 family (also the EndpointSlice address type). */
  public static final String IPV6 = "IPv6";

  private IpFamilies() {}

  /** {@code IPv6} when {@code ip} contains a colon, else {@code IPv4}. */
  public static String of(String ip) {
    return ip.indexOf(':') >= 0 ? IPV6 : IPV4;
  }

  /** Whether the Service has a cluster IP (it is not headless). */
  public static boolean hasClusterIp(Service service) {
    String ip = service.spec() == null ? null : service.spec().clusterIP();
    return ip != null && !ip.isEmpty() && !"None".equals(ip);
  }

  /**
   * The families the Service serves, primary first: {@code spec.ipFamilies}, else the family of its
   * cluster IP; empty for a headless Service without families (then the pods' families decide).
   */
  public static List<String> ofService(Service service) {
    if (service.spec() == null) {
      return List.of();
    }
    if (!service.spec().ipFamilies().isEmpty()) {
      return new ArrayList<>(service.spec().ipFamilies());
    }
    if (hasClusterIp(service)) {
      return List.of(of(service.spec().clusterIP()));
    }
    return List.of();
  }

  /** The first of {@code ips} in {@code family}, or {@code null}. */
  public static String firstOf(List<String> ips, String family) {
    for (String ip : ips) {
      if (of(ip).equals(family)) {
        return ip;
      }
    }
    return null;
  }
}

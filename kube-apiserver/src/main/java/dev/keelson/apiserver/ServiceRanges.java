package dev.keelson.apiserver;

import dev.keelson.apiserver.allocation.IpRange;
import dev.keelson.apiserver.allocation.PortRange;

/**
 * The address and port ranges Services are given, as kube-apiserver's {@code
 * --service-cluster-ip-range} and {@code --service-node-port-range}. The first address of the
 * cluster IP range goes to the {@code default/kubernetes} Service.
 *
 * @param clusterIpRange an IPv4 CIDR, {@code 10.96.0.0/12} by default
 * @param nodePortRange {@code first-last}, {@code 30000-32767} by default
 */
public record ServiceRanges(String clusterIpRange, String nodePortRange) {
  /** kube-apiserver's defaults. */
  public static final ServiceRanges DEFAULT = new ServiceRanges(IpRange.DEFAULT, PortRange.DEFAULT);

  /**
   * Checks both ranges.
   *
   * @throws IllegalArgumentException if either does not parse
   */
  public ServiceRanges {
    clusterIpRange = clusterIpRange == null ? IpRange.DEFAULT : clusterIpRange;
    nodePortRange = nodePortRange == null ? PortRange.DEFAULT : nodePortRange;
    IpRange.parse(clusterIpRange);
    PortRange.parse(nodePortRange);
  }

  /** The cluster IP range. */
  public IpRange ips() {
    return IpRange.parse(clusterIpRange);
  }

  /** The node port range. */
  public PortRange nodePorts() {
    return PortRange.parse(nodePortRange);
  }
}

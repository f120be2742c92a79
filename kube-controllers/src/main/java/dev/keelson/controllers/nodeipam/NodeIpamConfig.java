package dev.keelson.controllers.nodeipam;

import java.util.List;
import java.util.Objects;

/**
 * What the node IPAM controller hands out.
 *
 * @param clusterCidrs one CIDR, or two of different families for dual-stack
 *     (kube-controller-manager {@code --cluster-cidr})
 * @param nodeMaskIpv4 the size of each node's IPv4 range ({@code --node-cidr-mask-size-ipv4}, 24)
 * @param nodeMaskIpv6 the size of each node's IPv6 range ({@code --node-cidr-mask-size-ipv6}, 64)
 */
public record NodeIpamConfig(List<String> clusterCidrs, int nodeMaskIpv4, int nodeMaskIpv6) {
  /** The default cluster CIDR of Keelson (and of many kubeadm setups with flannel). */
  public static final String DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";

  public NodeIpamConfig {
    clusterCidrs = List.copyOf(Objects.requireNonNull(clusterCidrs, "clusterCidrs"));
    if (clusterCidrs.isEmpty() || clusterCidrs.size() > 2) {
      throw new IllegalArgumentException("one or two cluster CIDRs: " + clusterCidrs);
    }
  }

  /** 10.244.0.0/16 with /24 per node. */
  public static NodeIpamConfig defaults() {
    return new NodeIpamConfig(List.of(DEFAULT_CLUSTER_CIDR), 24, 64);
  }

  /** These cluster CIDRs with the default node masks. */
  public static NodeIpamConfig of(String... clusterCidrs) {
    return new NodeIpamConfig(List.of(clusterCidrs), 24, 64);
  }

  public NodeIpamConfig withNodeMaskIpv4(int mask) {
    return new NodeIpamConfig(clusterCidrs, mask, nodeMaskIpv6);
  }

  public NodeIpamConfig withNodeMaskIpv6(int mask) {
    return new NodeIpamConfig(clusterCidrs, nodeMaskIpv4, mask);
  }
}

package dev.keelson.net.proxy;

import java.util.Objects;

/**
 * How a backend is set up.
 *
 * @param family {@code IPv4} or {@code IPv6}
 * @param clusterCidr the pod network; traffic to a service from outside it is masqueraded ({@code
 *     null}: no such rule, kube-proxy without {@code --cluster-cidr})
 * @param masqueradeAll masquerade all service traffic (kube-proxy's {@code --masquerade-all})
 * @param fullSyncEvery every how many syncs one rewrites everything (kube-proxy re-syncs fully on
 *     its periodic sync); 1 means every sync is full
 * @param runner runs the backend's commands (iptables-restore, nft, ipvsadm)
 */
public record ProxyConfig(
    String family,
    String clusterCidr,
    boolean masqueradeAll,
    int fullSyncEvery,
    CommandRunner runner) {
  /** Checks. */
  public ProxyConfig {
    if (!"IPv4".equals(family) && !"IPv6".equals(family)) {
      throw new IllegalArgumentException("family must be IPv4 or IPv6: " + family);
    }
    if (fullSyncEvery < 1) {
      throw new IllegalArgumentException("fullSyncEvery must be at least 1");
    }
    Objects.requireNonNull(runner, "runner");
  }

  /**
   * Checks that {@code state} is of this config's family.
   *
   * @throws IllegalArgumentException if it is not
   */
  public void requireFamily(ProxyState state) {
    if (!state.family().equals(family)) {
      throw new IllegalArgumentException(
          "state of family " + state.family() + " for a " + family + " proxy");
    }
  }

  /** IPv4, no cluster CIDR, partial syncs with a full one every 30, commands run on this host. */
  public static ProxyConfig ipv4() {
    return new ProxyConfig("IPv4", null, false, 30, CommandRunner.local());
  }

  /** This config with a cluster CIDR. */
  public ProxyConfig withClusterCidr(String cidr) {
    return new ProxyConfig(family, cidr, masqueradeAll, fullSyncEvery, runner);
  }

  /** This config with another command runner. */
  public ProxyConfig withRunner(CommandRunner newRunner) {
    return new ProxyConfig(family, clusterCidr, masqueradeAll, fullSyncEvery, newRunner);
  }

  /** This config with another full-sync period. */
  public ProxyConfig withFullSyncEvery(int n) {
    return new ProxyConfig(family, clusterCidr, masqueradeAll, n, runner);
  }
}

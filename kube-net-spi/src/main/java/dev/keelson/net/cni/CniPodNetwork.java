package dev.keelson.net.cni;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkException;
import dev.keelson.net.spi.PodNetworkRequest;
import dev.keelson.net.spi.PodNetworkStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code cni} pod network: attaches each sandbox with one CNI network configuration list run by
 * {@link CniRuntime}, the way containerd's CRI plugin does for kubelet.
 *
 * <ul>
 *   <li>{@link #setUp}: uses the sandbox's network namespace, or creates one ({@code ip netns add
 *       keelson-<sandboxId>}, loopback up) when the request has none; runs ADD with {@code
 *       CNI_IFNAME=eth0} and the {@code K8S_POD_*} arguments; answers the addresses the result puts
 *       on {@code eth0}, one per family, IPv4 first.
 *   <li>{@link #tearDown}: DEL with the cached ADD result (idempotent), then deletes the namespace
 *       if this network created it.
 *   <li>{@link #check}: CHECK with the cached result.
 *   <li>{@link #notReadyReason}: no network configuration, or a missing plugin binary, or a
 *       plugin's STATUS failure (CNI 1.1).
 * </ul>
 */
public final class CniPodNetwork implements PodNetwork {
  /** The interface name inside the sandbox. */
  public static final String IF_NAME = "eth0";

  /** The prefix of the namespaces this network creates (under {@code /run/netns}). */
  public static final String NETNS_PREFIX = "keelson-";

  private static final String NETNS_DIR = "/run/netns/";

  private final CniRuntime cni;
  private final Supplier<NetworkConfigList> network;
  private final CommandRunner commands;

  /**
   * A network running {@code network} (asked on every operation, so a configuration written after
   * start is picked up; it throws {@link PodNetworkException} while there is none).
   *
   * @param commands runs {@code ip netns} for the namespaces this network creates
   */
  public CniPodNetwork(
      CniRuntime cni, Supplier<NetworkConfigList> network, CommandRunner commands) {
    this.cni = cni;
    this.network = network;
    this.commands = commands;
  }

  /**
   * A network running a fixed configuration list, creating namespaces with the local {@code ip}.
   */
  public static CniPodNetwork of(CniRuntime cni, NetworkConfigList network) {
    return new CniPodNetwork(cni, () -> network, CommandRunner.local());
  }

  @Override
  public PodNetworkStatus setUp(PodNetworkRequest request) {
    NetworkConfigList list = network.get();
    String netns = request.netnsPath();
    if (netns.isEmpty()) {
      netns = createNetns(netnsName(request.sandboxId()));
    }
    CniResult result;
    try {
      result = cni.add(list, attachment(request, netns));
    } catch (CniException e) {
      throw new PodNetworkException(
          "CNI ADD of network " + list.name() + " failed: " + e.getMessage(), e);
    }
    List<String> ips = new ArrayList<>();
    String v4 = null;
    String v6 = null;
    for (CniIpConfig ip : result.ipsOn(IF_NAME)) {
      if (ip.isIpv6()) {
        v6 = v6 == null ? ip.ip() : v6;
      } else {
        v4 = v4 == null ? ip.ip() : v4;
      }
    }
    if (v4 != null) {
      ips.add(v4);
    }
    if (v6 != null) {
      ips.add(v6);
    }
    if (ips.isEmpty()) {
      throw new PodNetworkException(
          "CNI network " + list.name() + " put no address on " + IF_NAME + ": " + result);
    }
    return new PodNetworkStatus(ips);
  }

  @Override
  public void tearDown(PodNetworkRequest request) {
    NetworkConfigList list = network.get();
    boolean ours = request.netnsPath().isEmpty();
    String name = netnsName(request.sandboxId());
    String netns = ours ? NETNS_DIR + name : request.netnsPath();
    try {
      cni.delete(list, attachment(request, netns));
    } catch (CniException e) {
      throw new PodNetworkException(
          "CNI DEL of network " + list.name() + " failed: " + e.getMessage(), e);
    }
    if (ours) {
      CommandRunner.Result r = run(List.of("ip", "netns", "del", name));
      if (!r.ok() && !r.output().contains("No such file")) {
        throw new PodNetworkException(
            "cannot delete network namespace " + name + ": " + r.output());
      }
    }
  }

  @Override
  public void check(PodNetworkRequest request) {
    NetworkConfigList list = network.get();
    String netns =
        request.netnsPath().isEmpty()
            ? NETNS_DIR + netnsName(request.sandboxId())
            : request.netnsPath();
    try {
      cni.check(list, attachment(request, netns));
    } catch (CniException e) {
      throw new PodNetworkException(
          "CNI CHECK of network " + list.name() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String notReadyReason() {
    NetworkConfigList list;
    try {
      list = network.get();
    } catch (PodNetworkException e) {
      return e.getMessage();
    }
    for (String type : list.pluginTypes()) {
      if (cni.findPlugin(type).isEmpty()) {
        return "CNI plugin " + type + " not found in " + cni.options().pluginDirs();
      }
    }
    try {
      cni.status(list);
    } catch (CniException e) {
      return "CNI STATUS of network " + list.name() + ": " + e.getMessage();
    }
    return null;
  }

  /** The namespace this network creates for a sandbox that has none. */
  static String netnsName(String sandboxId) {
    if (NETNS_PREFIX.length() + sandboxId.length() <= 64) {
      return NETNS_PREFIX + sandboxId;
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(sandboxId.getBytes(StandardCharsets.UTF_8));
      return NETNS_PREFIX + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CniAttachment attachment(PodNetworkRequest r, String netns) {
    return CniAttachment.of(r.sandboxId(), netns, IF_NAME)
        .withArg("IgnoreUnknown", "1")
        .withArg("K8S_POD_NAMESPACE", r.namespace())
        .withArg("K8S_POD_NAME", r.name())
        .withArg("K8S_POD_INFRA_CONTAINER_ID", r.sandboxId())
        .withArg("K8S_POD_UID", r.uid());
  }

  private String createNetns(String name) {
    CommandRunner.Result add = run(List.of("ip", "netns", "add", name));
    if (!add.ok() && !add.output().contains("File exists")) {
      throw new PodNetworkException(
          "cannot create network namespace " + name + ": " + add.output());
    }
    CommandRunner.Result lo = run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    if (!lo.ok()) {
      throw new PodNetworkException("cannot bring up lo in " + name + ": " + lo.output());
    }
    return NETNS_DIR + name;
  }

  private CommandRunner.Result run(List<String> command) {
    try {
      return commands.run(command, new byte[0]);
    } catch (ProxyException e) {
      throw new PodNetworkException(e.getMessage(), e);
    }
  }
}

package dev.keelson.net.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code host} pod network: touches nothing on the machine. When the node has an IPv4 pod CIDR
 * it hands out addresses from it in order (skipping the network and first address, as bridge IPAM
 * keeps the gateway), otherwise every pod gets the host's IP. Meant for simulated nodes and for
 * hosts whose pods share the host network.
 */
public final class HostPodNetwork implements PodNetwork {
  private final String hostIp;
  private final ConcurrentMap<String, String> bySandbox = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> taken = new ConcurrentHashMap<>();

  /** A network for a node whose IP is {@code hostIp}. */
  public HostPodNetwork(String hostIp) {
    this.hostIp = hostIp;
  }

  @Override
  public PodNetworkStatus setUp(PodNetworkRequest request) {
    String ip =
        bySandbox.computeIfAbsent(request.sandboxId(), id -> allocate(request.podCidr(), id));
    return new PodNetworkStatus(List.of(ip));
  }

  @Override
  public void tearDown(PodNetworkRequest request) {
    String ip = bySandbox.remove(request.sandboxId());
    if (ip != null) {
      taken.remove(ip, request.sandboxId());
    }
  }

  private String allocate(String cidr, String sandboxId) {
    int slash = cidr.indexOf('/');
    if (cidr.isEmpty() || slash < 0 || cidr.contains(":")) {
      return hostIp;
    }
    try {
      byte[] b = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      int prefix = Integer.parseInt(cidr.substring(slash + 1));
      long base =
          ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
      long size = 1L << (32 - prefix);
      for (long i = 2; i < size - 1; i++) {
        long a = base + i;
        String ip =
            ((a >> 24) & 0xff)
                + "."
                + ((a >> 16) & 0xff)
                + "."
                + ((a >> 8) & 0xff)
                + "."
                + (a & 0xff);
        if (taken.putIfAbsent(ip, sandboxId) == null) {
          return ip;
        }
      }
      throw new PodNetworkException("no free address left in pod CIDR " + cidr);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new PodNetworkException("bad pod CIDR " + cidr, e);
    }
  }
}

package dev.keelson.controllers.nodeipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.Optional;

/**
 * The subnets of one cluster CIDR of a given size, and which are taken (Kubernetes' {@code
 * cidrset}). Allocation goes round the range from after the last subnet handed out. Thread-safe.
 */
public final class CidrSet {
  /** Kubernetes refuses node masks more than 16 bits longer than the cluster mask. */
  public static final int MAX_SUBNET_BITS = 16;

  private final String cidr;
  private final boolean ipv6;
  private final BigInteger base;
  private final int clusterPrefix;
  private final int nodePrefix;
  private final int count;
  private final BitSet used;
  private int next;

  /**
   * The subnets of size {@code /nodePrefix} of {@code clusterCidr}.
   *
   * @throws IllegalArgumentException for a malformed CIDR, a node mask shorter than the cluster's
   *     or more than {@value #MAX_SUBNET_BITS} bits longer
   */
  public CidrSet(String clusterCidr, int nodePrefix) {
    Parsed p = parse(clusterCidr);
    this.ipv6 = p.ipv6;
    int bits = ipv6 ? 128 : 32;
    if (nodePrefix < p.prefix || nodePrefix > bits) {
      throw new IllegalArgumentException(
          "node mask /" + nodePrefix + " does not fit in cluster CIDR " + clusterCidr);
    }
    if (nodePrefix - p.prefix > MAX_SUBNET_BITS) {
      throw new IllegalArgumentException(
          "node mask /"
              + nodePrefix
              + " is more than "
              + MAX_SUBNET_BITS
              + " bits longer than cluster CIDR "
              + clusterCidr);
    }
    this.clusterPrefix = p.prefix;
    this.nodePrefix = nodePrefix;
    this.base = p.address.shiftRight(bits - p.prefix).shiftLeft(bits - p.prefix);
    this.cidr = format(base, ipv6) + "/" + p.prefix;
    this.count = 1 << (nodePrefix - p.prefix);
    this.used = new BitSet(count);
  }

  /** The cluster CIDR (normalized). */
  public String cidr() {
    return cidr;
  }

  /** Whether this is an IPv6 range. */
  public boolean isIpv6() {
    return ipv6;
  }

  /** How many subnets the range holds. */
  public int size() {
    return count;
  }

  /** How many subnets are taken. */
  public synchronized int used() {
    return used.cardinality();
  }

  /** The next free subnet, taken; empty when the range is exhausted. */
  public synchronized Optional<String> allocateNext() {
    for (int i = 0; i < count; i++) {
      int candidate = (next + i) % count;
      if (!used.get(candidate)) {
        used.set(candidate);
        next = (candidate + 1) % count;
        return Optional.of(subnet(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * Marks the subnets that {@code cidr} covers or lies in as taken (a node's existing CIDR).
   *
   * @return false if {@code cidr} is of the other family or outside this range
   */
  public synchronized boolean occupy(String cidr) {
    int[] range = range(cidr);
    if (range == null) {
      return false;
    }
    used.set(range[0], range[1] + 1);
    return true;
  }

  /** Frees the subnets {@code cidr} covers; false if it is not in this range. */
  public synchronized boolean release(String cidr) {
    int[] range = range(cidr);
    if (range == null) {
      return false;
    }
    used.clear(range[0], range[1] + 1);
    return true;
  }

  /** Whether {@code cidr} lies in this range (same family). */
  public boolean contains(String cidr) {
    return range(cidr) != null;
  }

  private int[] range(String text) {
    Parsed p;
    try {
      p = parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int bits = ipv6 ? 128 : 32;
    if (p.ipv6 != ipv6 || p.prefix < clusterPrefix) {
      return null;
    }
    BigInteger start = p.address.shiftRight(bits - p.prefix).shiftLeft(bits - p.prefix);
    if (!start.shiftRight(bits - clusterPrefix).equals(base.shiftRight(bits - clusterPrefix))) {
      return null; // outside the cluster CIDR
    }
    int first = start.subtract(base).shiftRight(bits - nodePrefix).intValue();
    int last = p.prefix >= nodePrefix ? first : first + (1 << (nodePrefix - p.prefix)) - 1;
    return new int[] {first, last};
  }

  private String subnet(int index) {
    int bits = ipv6 ? 128 : 32;
    BigInteger start = base.add(BigInteger.valueOf(index).shiftLeft(bits - nodePrefix));
    return format(start, ipv6) + "/" + nodePrefix;
  }

  private record Parsed(BigInteger address, int prefix, boolean ipv6) {}

  private static Parsed parse(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    String ip = cidr.substring(0, slash);
    boolean v6 = ip.indexOf(':') >= 0;
    if (!v6 && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    if (v6 && !ip.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr, e);
    }
    if (prefix < 0 || prefix > (v6 ? 128 : 32)) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    try {
      byte[] bytes = InetAddress.getByName(ip).getAddress(); // a literal: no lookup
      if ((bytes.length == 16) != v6) {
        throw new IllegalArgumentException("not a CIDR: " + cidr);
      }
      return new Parsed(new BigInteger(1, bytes), prefix, v6);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr, e);
    }
  }

  private static String format(BigInteger value, boolean v6) {
    byte[] raw = value.toByteArray();
    int len = v6 ? 16 : 4;
    byte[] bytes = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, bytes, len - copy, copy);
    try {
      String s = InetAddress.getByAddress(bytes).getHostAddress();
      return v6 ? compress(s) : s;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Java prints IPv6 uncompressed ({@code fd00:0:0:0:0:0:0:0}); Go prints {@code fd00::}. */
  private static String compress(String full) {
    String[] parts = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < parts.length; ) {
      if (parts[i].equals("0")) {
        int j = i;
        while (j < parts.length && parts[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
    String tail =
        String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
    return head + "::" + tail;
  }
}

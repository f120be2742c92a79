package dev.keelson.apiserver.allocation;

/**
 * An IPv4 service CIDR as kube-apiserver's {@code --service-cluster-ip-range}: the allocatable
 * addresses are the CIDR without its network and broadcast addresses, offset 0 being the network
 * address plus one (which kube-apiserver gives the {@code kubernetes} Service).
 *
 * @param cidr the range as written, for example {@code 10.96.0.0/12}
 * @param network the network address as an unsigned 32-bit number
 * @param prefix the prefix length
 */
public record IpRange(String cidr, long network, int prefix) implements AllocationRange {
  /** kube-apiserver's default service CIDR. */
  public static final String DEFAULT = "10.96.0.0/12";

  public IpRange {
    if (prefix < 0 || prefix > 30) {
      throw new IllegalArgumentException(
          "service CIDR " + cidr + " is too small: it needs a prefix of at most /30");
    }
  }

  /**
   * Parses an IPv4 CIDR.
   *
   * @throws IllegalArgumentException if it is not an IPv4 CIDR with room for two addresses
   */
  public static IpRange parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("invalid CIDR address: " + cidr);
    }
    long address = parseIp(cidr.substring(0, slash));
    if (address < 0) {
      throw new IllegalArgumentException(
          "invalid CIDR address: " + cidr + " (only IPv4 service ranges are supported)");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + cidr);
    }
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("invalid CIDR address: " + cidr);
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new IpRange(cidr, address & mask, prefix);
  }

  /** An IPv4 address as an unsigned number, or -1 if {@code s} is not a dotted-quad address. */
  public static long parseIp(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return -1;
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  /** A number as a dotted-quad address. */
  public static String format(long ip) {
    return ((ip >> 24) & 255)
        + "."
        + ((ip >> 16) & 255)
        + "."
        + ((ip >> 8) & 255)
        + "."
        + (ip & 255);
  }

  /** The number of allocatable addresses. */
  @Override
  public int size() {
    return (int) ((1L << (32 - prefix)) - 2);
  }

  /** The address at {@code offset} (offset 0 is the network address plus one). */
  public String addressAt(int offset) {
    return format(network + 1 + offset);
  }

  /** The offset of {@code ip}, or -1 if it is not an allocatable address of this range. */
  public int offsetOf(String ip) {
    long v = parseIp(ip);
    if (v < 0) {
      return -1;
    }
    long offset = v - network - 1;
    return offset < 0 || offset >= size() ? -1 : (int) offset;
  }

  /**
   * The size of the static band at the bottom of the range, which dynamic allocation uses last
   * (kube-apiserver's ServiceIPStaticSubrange: size/16, at least 16 and at most 256).
   */
  @Override
  public int staticBand() {
    return band(size(), 16, 256);
  }

  @Override
  public String text() {
    return cidr;
  }

  static int band(int size, int step, int max) {
    int min = 16;
    if (size < min) {
      return 0;
    }
    return Math.min(max, Math.max(min, size / step));
  }

  /** The first allocatable address, the {@code kubernetes} Service's. */
  public String firstAddress() {
    return addressAt(0);
  }

  @Override
  public String toString() {
    return cidr;
  }
}

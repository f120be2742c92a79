package dev.keelson.apiserver.allocation;

/**
 * A node port range as kube-apiserver's {@code --service-node-port-range} ({@code 30000-32767} by
 * default), both ends included.
 */
public record PortRange(int base, int last) implements AllocationRange {
  /** kube-apiserver's default node port range. */
  public static final String DEFAULT = "30000-32767";

  public PortRange {
    if (base < 1 || last > 65535 || last < base) {
      throw new IllegalArgumentException("invalid port range: " + base + "-" + last);
    }
  }

  /**
   * Parses {@code first-last} (or a single port).
   *
   * @throws IllegalArgumentException if it is not a port range
   */
  public static PortRange parse(String text) {
    String[] parts = text.trim().split("-", -1);
    try {
      if (parts.length == 1) {
        int p = Integer.parseInt(parts[0]);
        return new PortRange(p, p);
      }
      if (parts.length == 2) {
        return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("invalid port range: " + text);
  }

  @Override
  public int size() {
    return last - base + 1;
  }

  /** The offset of {@code port}, or -1 outside the range. */
  public int offsetOf(int port) {
    return port < base || port > last ? -1 : port - base;
  }

  /**
   * The static band (kube-apiserver's ServiceNodePortStaticSubrange: size/32, at least 16 and at
   * most 128).
   */
  @Override
  public int staticBand() {
    return IpRange.band(size(), 32, 128);
  }

  @Override
  public String text() {
    return base + "-" + last;
  }

  @Override
  public String toString() {
    return text();
  }
}

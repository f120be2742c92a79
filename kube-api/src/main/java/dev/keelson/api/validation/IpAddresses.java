package dev.keelson.api.validation;

import java.util.regex.Pattern;

/**
 * IP address and CIDR literals as Go's {@code netutils.ParseIPSloppy} / {@code ParseCIDRSloppy}
 * accept them (IPv4 octets may have leading zeros), without any name lookup.
 */
final class IpAddresses {
  private static final Pattern V4 =
      Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private IpAddresses() {}

  /** The 4 or 16 bytes of an IP literal, or {@code null} if {@code s} is not one. */
  static byte[] parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
  }

  /** Whether {@code s} is an IPv4 or IPv6 literal. */
  static boolean isIp(String s) {
    return parse(s) != null;
  }

  /** A parsed CIDR: the address bytes and the prefix length, or {@code null} when invalid. */
  record Cidr(byte[] address, int prefix) {
    /** Whether {@code ip} lies inside this network. */
    boolean contains(byte[] ip) {
      if (ip.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int i = bit / 8;
        int mask = 0x80 >> (bit % 8);
        if ((ip[i] & mask) != (address[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/64}), or {@code null}. */
  static Cidr parseCidr(String s) {
    if (s == null) {
      return null;
    }
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] ip = parse(s.substring(0, slash));
    String len = s.substring(slash + 1);
    if (ip == null
        || len.isEmpty()
        || len.length() > 3
        || !len.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int prefix = Integer.parseInt(len);
    return prefix > ip.length * 8 ? null : new Cidr(ip, prefix);
  }

  private static byte[] parseV4(String s) {
    var m = V4.matcher(s);
    if (!m.matches()) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = Integer.parseInt(m.group(i + 1));
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] parseV6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      return null;
    }
    byte[] tail4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) >= 0) {
      tail4 = parseV4(s.substring(lastColon + 1));
      if (tail4 == null) {
        return null;
      }
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int dc = s.indexOf("::");
    if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
      return null;
    }
    String[] head;
    String[] tail;
    if (dc >= 0) {
      String h = s.substring(0, dc);
      String t = s.substring(dc + 2);
      head = h.isEmpty() ? new String[0] : h.split(":", -1);
      tail = t.isEmpty() ? new String[0] : t.split(":", -1);
      if (head.length + tail.length > 7) {
        return null;
      }
    } else {
      head = s.split(":", -1);
      tail = new String[0];
      if (head.length != 8) {
        return null;
      }
    }
    byte[] out = new byte[16];
    if (!fill(head, out, 0) || !fill(tail, out, 16 - 2 * tail.length)) {
      return null;
    }
    if (tail4 != null) {
      System.arraycopy(tail4, 0, out, 12, 4);
    }
    return out;
  }

  private static boolean fill(String[] groups, byte[] out, int at) {
    for (String g : groups) {
      if (!HEX_GROUP.matcher(g).matches()) {
        return false;
      }
      int v = Integer.parseInt(g, 16);
      out[at++] = (byte) (v >> 8);
      out[at++] = (byte) v;
    }
    return true;
  }
}

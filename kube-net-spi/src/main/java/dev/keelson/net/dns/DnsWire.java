package dev.keelson.net.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Wire-format helpers: uncompressed names (as Netty's encoder writes them) and record data. */
final class DnsWire {

  /** One resource record before TTL is applied: owner name (absolute), type, record data. */
  record Rr(String name, DnsRecordType type, byte[] rdata) {
    int wireSize() {
      return nameLength(name) + 10 + rdata.length;
    }
  }

  private DnsWire() {}

  /** Bytes a name takes uncompressed on the wire. */
  static int nameLength(String name) {
    if (name.isEmpty() || name.equals(".")) {
      return 1;
    }
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return n.getBytes(StandardCharsets.US_ASCII).length + 2;
  }

  static void writeName(ByteArrayOutputStream out, String name) {
    if (!name.isEmpty() && !name.equals(".")) {
      for (String label : name.split("\\.")) {
        if (label.isEmpty()) {
          continue;
        }
        byte[] b = label.getBytes(StandardCharsets.US_ASCII);
        if (b.length > 63) {
          throw new IllegalArgumentException("label longer than 63 bytes: " + label);
        }
        out.write(b.length);
        out.write(b, 0, b.length);
      }
    }
    out.write(0);
  }

  static byte[] name(String target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeName(out, target);
    return out.toByteArray();
  }

  static byte[] address(InetAddress ip) {
    return ip.getAddress();
  }

  static byte[] srv(int priority, int weight, int port, String target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    short16(out, priority);
    short16(out, weight);
    short16(out, port);
    writeName(out, target);
    return out.toByteArray();
  }

  static byte[] txt(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    byte[] r = new byte[b.length + 1];
    r[0] = (byte) b.length;
    System.arraycopy(b, 0, r, 1, b.length);
    return r;
  }

  static byte[] soa(String zone, long serial, long minimum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeName(out, "ns.dns." + zone);
    writeName(out, "hostmaster." + zone);
    int32(out, serial);
    int32(out, 7200);
    int32(out, 1800);
    int32(out, 86400);
    int32(out, minimum);
    return out.toByteArray();
  }

  /** A complete query message (for forwarding), with an OPT record when {@code ednsSize > 0}. */
  static byte[] query(int id, String qname, int qtype, int qclass, boolean rd, int ednsSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    short16(out, id);
    short16(out, rd ? 0x0100 : 0);
    short16(out, 1);
    short16(out, 0);
    short16(out, 0);
    short16(out, ednsSize > 0 ? 1 : 0);
    writeName(out, qname);
    short16(out, qtype);
    short16(out, qclass);
    if (ednsSize > 0) {
      out.write(0);
      short16(out, DnsRecordType.OPT.intValue());
      short16(out, ednsSize);
      int32(out, 0);
      short16(out, 0);
    }
    return out.toByteArray();
  }

  static void short16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xff);
    out.write(v & 0xff);
  }

  static void int32(ByteArrayOutputStream out, long v) {
    out.write((int) (v >> 24) & 0xff);
    out.write((int) (v >> 16) & 0xff);
    out.write((int) (v >> 8) & 0xff);
    out.write((int) v & 0xff);
  }
}

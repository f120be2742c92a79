package dev.keelson.apiserver.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs. Each method returns one complete
 * tag-length-value.
 */
final class Der {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int len = value.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... items) {
    return tlv(0x30, concat(items));
  }

  static byte[] set(byte[]... items) {
    return tlv(0x31, concat(items));
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] octetString(byte[] value) {
    return tlv(0x04, value);
  }

  /** A BIT STRING holding whole bytes (no unused bits), as for keys and signatures. */
  static byte[] bitString(byte[] value) {
    byte[] v = new byte[value.length + 1];
    System.arraycopy(value, 0, v, 1, value.length);
    return tlv(0x03, v);
  }

  /** A named-bit BIT STRING (such as key usage): trailing zero bits are dropped, as DER wants. */
  static byte[] namedBits(int firstByte) {
    if (firstByte == 0) {
      return tlv(0x03, new byte[] {0});
    }
    int unused = Integer.numberOfTrailingZeros(firstByte);
    return tlv(0x03, new byte[] {(byte) unused, (byte) firstByte});
  }

  static byte[] utf8(String value) {
    return tlv(0x0c, value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] ia5(String value) {
    return tlv(0x16, value.getBytes(StandardCharsets.US_ASCII));
  }

  /** UTCTime before 2050, GeneralizedTime from then on (RFC 5280, 4.1.2.5). */
  static byte[] time(Instant t) {
    if (t.atZone(ZoneOffset.UTC).getYear() < 2050) {
      return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x18, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long arc = Long.parseLong(parts[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  /** A context-specific tag: constructed (explicit) or primitive (implicit). */
  static byte[] context(int number, boolean constructed, byte[] value) {
    return tlv((constructed ? 0xa0 : 0x80) | number, value);
  }

  /**
   * The key bits of a SubjectPublicKeyInfo ({@code SEQUENCE {algorithm, BIT STRING}}): the BIT
   * STRING's content after its unused-bits byte.
   */
  static byte[] subjectPublicKeyBits(byte[] spki) {
    int[] outer = header(spki, 0); // {contentStart, length}
    int[] algorithm = header(spki, outer[0]);
    int[] bits = header(spki, algorithm[0] + algorithm[1]);
    return java.util.Arrays.copyOfRange(spki, bits[0] + 1, bits[0] + bits[1]);
  }

  /** Reads the tag and length at {@code offset}: returns {content offset, content length}. */
  private static int[] header(byte[] der, int offset) {
    int first = der[offset + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {offset + 2, first};
    }
    int count = first & 0x7f;
    int len = 0;
    for (int i = 0; i < count; i++) {
      len = (len << 8) | (der[offset + 2 + i] & 0xff);
    }
    return new int[] {offset + 2 + count, len};
  }

  static byte[] concat(byte[]... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] i : items) {
      out.writeBytes(i);
    }
    return out.toByteArray();
  }
}

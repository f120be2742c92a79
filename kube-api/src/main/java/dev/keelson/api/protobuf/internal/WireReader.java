package dev.keelson.api.protobuf.internal;

import dev.keelson.api.protobuf.ProtobufException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf wire format from a byte range: tags, varints, fixed 32/64-bit values and
 * length-delimited fields. Every read is bounds-checked; malformed input throws {@link
 * ProtobufException}. Groups (wire types 3 and 4) are refused, as no Kubernetes message uses them.
 */
public final class WireReader {
  /** Wire type of varints (int32, int64, bool, enums). */
  public static final int VARINT = 0;

  /** Wire type of 64-bit fixed values (double, fixed64). */
  public static final int FIXED64 = 1;

  /** Wire type of length-delimited values (strings, bytes, messages, packed repeated). */
  public static final int LENGTH_DELIMITED = 2;

  /** Wire type of 32-bit fixed values (float, fixed32). */
  public static final int FIXED32 = 5;

  private final byte[] buf;
  private final int end;
  private int pos;

  /** A reader of {@code buf[offset, offset + length)}. */
  public WireReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IndexOutOfBoundsException();
    }
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  /** A reader of the whole array. */
  public WireReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  /** Whether all bytes were read. */
  public boolean atEnd() {
    return pos >= end;
  }

  /** Reads a tag: field number {@code << 3 | wire type}; the number is at least 1. */
  public int tag() {
    long tag = varint();
    int number = (int) (tag >>> 3);
    if (tag >>> 3 > 0x1fffffffL || number == 0) {
      throw new ProtobufException("invalid protobuf field number " + (tag >>> 3));
    }
    return (int) tag;
  }

  /** The field number of a tag. */
  public static int number(int tag) {
    return tag >>> 3;
  }

  /** The wire type of a tag. */
  public static int wireType(int tag) {
    return tag & 7;
  }

  /** Reads a varint of up to 10 bytes. */
  public long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new ProtobufException("truncated protobuf varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new ProtobufException("malformed protobuf varint (more than 10 bytes)");
  }

  /** Reads 8 little-endian bytes. */
  public long fixed64() {
    need(8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xffL);
    }
    pos += 8;
    return v;
  }

  /** Reads 4 little-endian bytes. */
  public int fixed32() {
    need(4);
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 4;
    return v;
  }

  /**
   * Reads the length of a length-delimited value and returns a reader of it; this reader moves past
   * it.
   */
  public WireReader delimited() {
    int length = length();
    WireReader r = new WireReader(buf, pos, length);
    pos += length;
    return r;
  }

  /** Reads a length-delimited value as bytes. */
  public byte[] bytes() {
    int length = length();
    byte[] b = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return b;
  }

  /** Reads a length-delimited value as a UTF-8 string (malformed sequences are replaced). */
  public String string() {
    int length = length();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** Skips a value of this wire type. */
  public void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> {
        need(8);
        pos += 8;
      }
      case LENGTH_DELIMITED -> {
        int length = length();
        pos += length;
      }
      case FIXED32 -> {
        need(4);
        pos += 4;
      }
      default -> throw new ProtobufException("unsupported protobuf wire type " + wireType);
    }
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new ProtobufException(
          "protobuf length " + length + " exceeds the " + (end - pos) + " bytes left");
    }
    return (int) length;
  }

  private void need(int n) {
    if (end - pos < n) {
      throw new ProtobufException("truncated protobuf value");
    }
  }
}

package dev.keelson.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Helpers for byte-string keys: UTF-8 conversion, prefix ends, unsigned ordering. */
public final class Keys {
  private static final byte[] EMPTY = new byte[0];

  private Keys() {}

  /** The UTF-8 bytes of {@code key}. */
  public static byte[] utf8(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}, as etcd's {@code
   * GetPrefixRangeEnd}; an empty array means "no upper bound" (the prefix is all {@code 0xff}).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = Arrays.copyOf(prefix, prefix.length);
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    return EMPTY;
  }

  /** Compares as etcd does: lexicographically, bytes unsigned. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Whether {@code key} lies in {@code [from, end)}; an empty {@code end} means unbounded. */
  public static boolean inRange(byte[] key, byte[] from, byte[] end) {
    return compare(key, from) >= 0 && (end.length == 0 || compare(key, end) < 0);
  }

  /** A readable form for messages: UTF-8 if printable, hex otherwise; long keys are cut. */
  public static String printable(byte[] key) {
    boolean printable = true;
    for (byte b : key) {
      if (b < 0x20 || b == 0x7f) {
        printable = false;
        break;
      }
    }
    String s = printable ? new String(key, StandardCharsets.UTF_8) : "0x" + KeyValue.hex(key);
    return s.length() > 200 ? s.substring(0, 200) + "...(" + key.length + " bytes)" : s;
  }
}

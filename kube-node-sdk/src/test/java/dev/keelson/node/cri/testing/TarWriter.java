package dev.keelson.node.cri.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes an uncompressed POSIX ustar archive in memory: directories, files and symlinks. */
final class TarWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a directory ({@code name} without the trailing slash). */
  TarWriter directory(String name, int mode) {
    header(name + "/", mode, 0, '5', "");
    return this;
  }

  /** Adds a regular file. */
  TarWriter file(String name, int mode, byte[] content) {
    header(name, mode, content.length, '0', "");
    out.writeBytes(content);
    pad(content.length);
    return this;
  }

  /** Adds a symbolic link to {@code target}. */
  TarWriter symlink(String name, String target) {
    header(name, 0777, 0, '2', target);
    return this;
  }

  /** Ends the archive (two zero blocks) and answers its bytes. */
  byte[] finish() {
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private void pad(long size) {
    int rest = (int) (size % 512);
    if (rest != 0) {
      out.writeBytes(new byte[512 - rest]);
    }
  }

  private void header(String name, int mode, long size, char type, String link) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 1_700_000_000L);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String chk = String.format("%06o", sum);
    put(h, 148, 6, chk);
    h[154] = 0;
    h[155] = ' ';
    out.writeBytes(h);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > len) {
      throw new IllegalArgumentException("tar field too long: " + s);
    }
    System.arraycopy(b, 0, h, off, b.length);
  }

  private static void octal(byte[] h, int off, int len, long v) {
    String s = String.format("%0" + (len - 1) + "o", v);
    put(h, off, len - 1, s);
  }
}

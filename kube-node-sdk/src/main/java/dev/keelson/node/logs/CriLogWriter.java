package dev.keelson.node.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Appends entries to a CRI log file. A message longer than {@code maxEntryBytes} is written as
 * partial ({@code P}) entries followed by a final ({@code F}) one, as containerd splits lines
 * longer than its buffer (16 KiB by default). Thread-safe; each entry is written and flushed whole.
 */
public final class CriLogWriter implements AutoCloseable {
  /** containerd's default maximum entry size. */
  public static final int DEFAULT_MAX_ENTRY_BYTES = 16 * 1024;

  /** RFC 3339 with nine fraction digits and {@code Z}, Go's {@code RFC3339NanoFixed} in UTC. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  private final OutputStream out;
  private final int maxEntryBytes;

  private CriLogWriter(OutputStream out, int maxEntryBytes) {
    this.out = out;
    this.maxEntryBytes = maxEntryBytes;
  }

  /** Opens {@code file} for appending (creating it and its directories). */
  public static CriLogWriter open(Path file, int maxEntryBytes) throws IOException {
    if (maxEntryBytes < 1) {
      throw new IllegalArgumentException("maxEntryBytes must be positive");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    return new CriLogWriter(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        maxEntryBytes);
  }

  /** One entry line (without its newline) in the CRI format. */
  public static String entry(Instant time, String stream, boolean partial, String message) {
    return TIMESTAMP.format(time) + " " + stream + " " + (partial ? "P" : "F") + " " + message;
  }

  /**
   * Writes one line of output ({@code stream} is {@code stdout} or {@code stderr}); {@code line}
   * has no newline (one is implied, as the {@code F} tag says).
   */
  public synchronized void write(Instant time, String stream, String line) throws IOException {
    byte[] bytes = line.replace("\n", " ").getBytes(StandardCharsets.UTF_8);
    int off = 0;
    StringBuilder b = new StringBuilder();
    while (bytes.length - off > maxEntryBytes) {
      int end = off + maxEntryBytes;
      while (end > off + 1 && (bytes[end] & 0xC0) == 0x80) {
        end--; // do not split a UTF-8 sequence
      }
      b.append(entry(time, stream, true, new String(bytes, off, end - off, StandardCharsets.UTF_8)))
          .append('\n');
      off = end;
    }
    b.append(
            entry(
                time,
                stream,
                false,
                new String(bytes, off, bytes.length - off, StandardCharsets.UTF_8)))
        .append('\n');
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}

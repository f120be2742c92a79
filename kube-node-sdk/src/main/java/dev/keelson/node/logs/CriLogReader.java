package dev.keelson.node.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Reads a CRI log file the way kubelet answers {@code GET /containerLogs}: partial entries are
 * joined into one line, then {@code sinceTime}, {@code tailLines}, {@code timestamps} and {@code
 * limitBytes} apply, and with {@code follow} lines written later are answered as they come until
 * the container stops. Malformed entries are skipped. A missing file reads as empty (a container
 * that has written nothing yet). Follow polls the file; interrupting the reading thread ends it.
 */
public final class CriLogReader {
  /** The longest entry line read; longer input is cut into lines of this size. */
  static final int MAX_ENTRY_BYTES = 1024 * 1024;

  private final Path file;
  private final LogOptions options;
  private final OutputStream out;
  private final BooleanSupplier running;
  private final Duration poll;
  private final ByteArrayOutputStream entry = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final ArrayDeque<byte[]> tail = new ArrayDeque<>();
  private Instant lineTime;
  private long written;
  private boolean collecting;

  private CriLogReader(
      Path file, LogOptions options, OutputStream out, BooleanSupplier running, Duration poll) {
    this.file = file;
    this.options = options;
    this.out = out;
    this.running = running;
    this.poll = poll;
  }

  /**
   * Writes the log at {@code file} to {@code out} as {@code options} say, flushing after each line
   * when following.
   *
   * @param running whether the container may still write; following ends once it answers false and
   *     everything written has been read
   * @param poll how often to look for new lines when following
   * @throws IOException from {@code out} (the client left) or reading the file
   * @throws InterruptedException when interrupted while following
   */
  public static void read(
      Path file, LogOptions options, OutputStream out, BooleanSupplier running, Duration poll)
      throws IOException, InterruptedException {
    try {
      new CriLogReader(file, options, out, running, poll).run();
    } catch (ClosedByInterruptException e) {
      throw new InterruptedException("interrupted while reading " + file);
    }
  }

  private void run() throws IOException, InterruptedException {
    collecting = options.tailLines() >= 0;
    FileChannel ch = open();
    try {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      readAvailable(ch, buf);
      collecting = false;
      for (byte[] l : tail) {
        if (!emit(l)) {
          return;
        }
      }
      tail.clear();
      out.flush();
      if (options.follow()) {
        while (!limitReached()) {
          if (ch == null) {
            ch = open();
          }
          boolean more = ch != null && readAvailable(ch, buf);
          if (limitReached()) {
            break;
          }
          if (more) {
            out.flush();
            continue;
          }
          if (!running.getAsBoolean()) {
            // the container stopped: read what it wrote last, then end
            if (ch == null) {
              ch = open();
            }
            if (ch != null) {
              readAvailable(ch, buf);
            }
            break;
          }
          Thread.sleep(poll);
        }
      }
      if (!limitReached() && line.size() > 0) {
        emitPartial();
      }
      out.flush();
    } finally {
      if (ch != null) {
        ch.close();
      }
    }
  }

  private FileChannel open() throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Reads to the end of the file; answers whether anything was read. */
  private boolean readAvailable(FileChannel ch, ByteBuffer buf) throws IOException {
    if (ch == null) {
      return false;
    }
    boolean any = false;
    while (!limitReached()) {
      buf.clear();
      int n = ch.read(buf);
      if (n <= 0) {
        break;
      }
      any = true;
      byte[] a = buf.array();
      for (int i = 0; i < n && !limitReached(); i++) {
        byte b = a[i];
        if (b == '\n' || entry.size() >= MAX_ENTRY_BYTES) {
          if (b != '\n') {
            entry.write(b);
          }
          onEntry(entry.toByteArray());
          entry.reset();
        } else {
          entry.write(b);
        }
      }
    }
    return any;
  }

  /** One CRI entry: {@code <time> <stream> <tag> <message>}. */
  private void onEntry(byte[] e) throws IOException {
    int s1 = indexOf(e, 0);
    int s2 = s1 < 0 ? -1 : indexOf(e, s1 + 1);
    if (s2 < 0) {
      return;
    }
    int s3 = indexOf(e, s2 + 1);
    Instant time;
    try {
      time = Instant.parse(new String(e, 0, s1, StandardCharsets.US_ASCII));
    } catch (DateTimeParseException bad) {
      return;
    }
    boolean partial;
    int msgStart;
    if (s3 < 0) {
      // no tag: an old-format entry whose message is empty
      partial = false;
      msgStart = e.length;
    } else {
      String tag = new String(e, s2 + 1, s3 - s2 - 1, StandardCharsets.US_ASCII);
      partial = tag.startsWith("P");
      msgStart = s3 + 1;
    }
    if (line.size() == 0) {
      lineTime = time;
    }
    line.write(e, msgStart, e.length - msgStart);
    if (!partial) {
      line.write('\n');
      byte[] l = line.toByteArray();
      Instant t = lineTime;
      line.reset();
      if (options.since() != null && t.isBefore(options.since())) {
        return;
      }
      byte[] formatted = format(t, l);
      if (collecting) {
        tail.addLast(formatted);
        if (tail.size() > options.tailLines()) {
          tail.removeFirst();
        }
      } else {
        emit(formatted);
      }
    }
  }

  private void emitPartial() throws IOException {
    if (options.since() != null && lineTime.isBefore(options.since())) {
      return;
    }
    emit(format(lineTime, line.toByteArray()));
    line.reset();
  }

  private byte[] format(Instant t, byte[] l) {
    if (!options.timestamps()) {
      return l;
    }
    byte[] ts = (CriLogWriter.TIMESTAMP.format(t) + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] r = new byte[ts.length + l.length];
    System.arraycopy(ts, 0, r, 0, ts.length);
    System.arraycopy(l, 0, r, ts.length, l.length);
    return r;
  }

  /** Writes a line within the byte limit; answers false once the limit is reached. */
  private boolean emit(byte[] l) throws IOException {
    long limit = options.limitBytes();
    int n = l.length;
    if (limit >= 0 && written + n > limit) {
      n = (int) (limit - written);
    }
    out.write(l, 0, n);
    written += n;
    if (options.follow()) {
      out.flush();
    }
    return !limitReached();
  }

  private boolean limitReached() {
    return options.limitBytes() >= 0 && written >= options.limitBytes();
  }

  private static int indexOf(byte[] a, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}

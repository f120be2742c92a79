package dev.keelson.store.internal.file;

import dev.keelson.store.StoreCorruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log segments on disk: naming ({@code wal-<first revision>.log}), listing, and scanning with tail
 * repair.
 */
final class WalSegments {
  private static final Logger LOG = LoggerFactory.getLogger(WalSegments.class);
  private static final Pattern NAME = Pattern.compile("wal-(\\d{20})\\.log");

  private WalSegments() {}

  static Path path(Path dir, long firstRevision) {
    return dir.resolve(String.format("wal-%020d.log", firstRevision));
  }

  /** A segment file and the first revision it may hold. */
  record Segment(Path path, long firstRevision) {}

  static List<Segment> list(Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(new Segment(p, Long.parseLong(m.group(1))));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.firstRevision(), b.firstRevision()));
    return out;
  }

  /**
   * Feeds every valid record payload of {@code segment} to {@code sink}, in order. In the last
   * segment, a damaged tail (a short or corrupt record with no valid record after it) is truncated
   * and logged; a damaged record followed by a valid one, or any damage in an earlier segment,
   * throws {@link StoreCorruptedException}.
   *
   * @return the number of bytes of valid records (the new length of the file)
   */
  static long scan(Path segment, boolean last, Consumer<ByteBuffer> sink) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(segment));
    int limit = buf.limit();
    int pos = 0;
    while (pos < limit) {
      int len = WalCodec.validFrameLength(buf, pos, limit);
      if (len < 0) {
        return damaged(segment, last, buf, pos, limit);
      }
      sink.accept(buf.slice(pos + WalCodec.HEADER, len));
      pos += WalCodec.HEADER + len;
    }
    return pos;
  }

  private static long damaged(Path segment, boolean last, ByteBuffer buf, int pos, int limit)
      throws IOException {
    for (int p = pos + 1; p + WalCodec.HEADER <= limit; p++) {
      if (WalCodec.validFrameLength(buf, p, limit) >= 0) {
        throw new StoreCorruptedException(
            "corrupt record at offset "
                + pos
                + " of "
                + segment
                + " is followed by a valid record at offset "
                + p
                + "; refusing to drop acknowledged data");
      }
    }
    if (!last) {
      throw new StoreCorruptedException(
          "corrupt or truncated record at offset "
              + pos
              + " of "
              + segment
              + ", which is not the last log segment");
    }
    LOG.warn(
        "write-ahead log {}: dropping a torn or corrupt tail of {} bytes at offset {} (writes"
            + " there were never acknowledged)",
        segment,
        limit - pos,
        pos);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(pos);
      ch.force(true);
    }
    return pos;
  }

  /** Forces the directory entry changes (create, rename, delete) in {@code dir} to disk. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; on Linux this works and matters.
      if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
        throw e;
      }
    }
  }
}

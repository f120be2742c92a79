package dev.keelson.store.internal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open log segment. Used by the writer thread only (the counters may be read anywhere). Each
 * {@link #append} ends with one {@code force}: that is the group commit.
 */
final class Wal implements AutoCloseable {
  private final Path dir;
  private FileChannel channel;
  private long bytesSinceRotation;
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private Wal(Path dir, FileChannel channel) {
    this.dir = dir;
    this.channel = channel;
  }

  /** Opens {@code segment} for appending at {@code length} (its valid length). */
  static Wal open(Path dir, Path segment, long length) throws IOException {
    FileChannel ch = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(length);
    Wal wal = new Wal(dir, ch);
    wal.bytesSinceRotation = length;
    WalSegments.syncDirectory(dir);
    return wal;
  }

  /** Writes {@code frames} (flipped) and forces them to disk. */
  void append(ByteBuffer frames) throws IOException {
    int n = frames.remaining();
    while (frames.hasRemaining()) {
      channel.write(frames);
    }
    channel.force(false);
    fsyncs.incrementAndGet();
    bytes.addAndGet(n);
    bytesSinceRotation += n;
  }

  /** Closes the current segment and starts {@code wal-<firstRevision>.log}. */
  void rotate(long firstRevision) throws IOException {
    channel.close();
    Path next = WalSegments.path(dir, firstRevision);
    channel =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    WalSegments.syncDirectory(dir);
    bytesSinceRotation = 0;
  }

  long bytesSinceRotation() {
    return bytesSinceRotation;
  }

  long fsyncs() {
    return fsyncs.get();
  }

  long bytesWritten() {
    return bytes.get();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

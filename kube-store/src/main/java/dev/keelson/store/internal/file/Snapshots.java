package dev.keelson.store.internal.file;

import dev.keelson.store.KeyValue;
import dev.keelson.store.StoreCorruptedException;
import dev.keelson.store.internal.memory.MvccEngine.KeyHistory;
import dev.keelson.store.internal.memory.MvccEngine.VersionRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshot files ({@code snap-<revision>.snap}): every retained version of every key at one
 * revision, with the compacted revision, closed by a CRC32C of everything before it.
 *
 * <p>Layout: {@code "KSNP", int format, long revision, long compacted}, then per key {@code byte 1,
 * int keyLength, key, int n, n x (long create, long mod, long version, byte tombstone, int
 * valueLength, value)}, then {@code byte 0} and {@code int crc}.
 */
final class Snapshots {
  private static final int MAGIC = 0x4b534e50; // "KSNP"
  private static final int FORMAT = 1;
  private static final Pattern NAME = Pattern.compile("snap-(\\d{20})\\.snap");

  private Snapshots() {}

  static Path path(Path dir, long revision) {
    return dir.resolve(String.format("snap-%020d.snap", revision));
  }

  /** A snapshot file and its revision. */
  record SnapshotFile(Path path, long revision) {}

  static List<SnapshotFile> list(Path dir) throws IOException {
    List<SnapshotFile> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(new SnapshotFile(p, Long.parseLong(m.group(1))));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.revision(), b.revision()));
    return out;
  }

  static Optional<SnapshotFile> newest(Path dir) throws IOException {
    List<SnapshotFile> all = list(dir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Writes the snapshot durably: temporary file, fsync, atomic rename, directory fsync. */
  static Path write(Path dir, long revision, long compacted, Iterator<KeyHistory> keys)
      throws IOException {
    Path target = path(dir, revision);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
      DataOutputStream out = new DataOutputStream(checked);
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeLong(revision);
      out.writeLong(compacted);
      while (keys.hasNext()) {
        KeyHistory kh = keys.next();
        out.writeByte(1);
        out.writeInt(kh.key().length);
        out.write(kh.key());
        out.writeInt(kh.versions().size());
        for (VersionRecord v : kh.versions()) {
          out.writeLong(v.kv().createRevision());
          out.writeLong(v.kv().modRevision());
          out.writeLong(v.kv().version());
          out.writeByte(v.tombstone() ? 1 : 0);
          out.writeInt(v.kv().value().length);
          out.write(v.kv().value());
        }
      }
      out.writeByte(0);
      out.flush();
      new DataOutputStream(raw).writeInt((int) checked.getChecksum().getValue());
      raw.flush();
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    WalSegments.syncDirectory(dir);
    return target;
  }

  /** A loaded snapshot. */
  record Loaded(long revision, long compacted, List<KeyHistory> keys) {}

  /** Reads and verifies a snapshot; any damage is {@link StoreCorruptedException}. */
  static Loaded read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
      DataInputStream in = new DataInputStream(checked);
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        throw new StoreCorruptedException("not a snapshot of a known format: " + file);
      }
      long revision = in.readLong();
      long compacted = in.readLong();
      List<KeyHistory> keys = new ArrayList<>();
      while (in.readByte() == 1) {
        byte[] key = new byte[checkedLength(in.readInt(), file)];
        in.readFully(key);
        int n = checkedLength(in.readInt(), file);
        List<VersionRecord> versions = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
          long create = in.readLong();
          long mod = in.readLong();
          long version = in.readLong();
          boolean tombstone = in.readByte() == 1;
          byte[] value = new byte[checkedLength(in.readInt(), file)];
          in.readFully(value);
          versions.add(
              new VersionRecord(new KeyValue(key, value, create, mod, version), tombstone));
        }
        keys.add(new KeyHistory(key, versions));
      }
      int expected = (int) checked.getChecksum().getValue();
      int actual = new DataInputStream(raw).readInt();
      if (expected != actual || raw.read() != -1) {
        throw new StoreCorruptedException("snapshot checksum mismatch: " + file);
      }
      return new Loaded(revision, compacted, keys);
    } catch (EOFException e) {
      throw new StoreCorruptedException("snapshot is truncated: " + file, e);
    }
  }

  private static int checkedLength(int n, Path file) {
    if (n < 0 || n > WalCodec.MAX_PAYLOAD) {
      throw new StoreCorruptedException("snapshot has an impossible length " + n + ": " + file);
    }
    return n;
  }
}

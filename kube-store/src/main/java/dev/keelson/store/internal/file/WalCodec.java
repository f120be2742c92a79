package dev.keelson.store.internal.file;

import dev.keelson.store.Op;
import dev.keelson.store.StoreCorruptedException;
import dev.keelson.store.Txn;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.internal.memory.Commit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The log's record format. A frame is {@code int length, int crc32c(payload), payload}; a payload
 * is either a commit ({@code byte 1, long revision, int n, n x (byte kind, int keyLength, key[, int
 * valueLength, value])}, kind 0 = put, 1 = delete) or a compaction ({@code byte 2, long revision}).
 */
final class WalCodec {
  static final int HEADER = 8;
  static final int MAX_PAYLOAD = 256 << 20;
  static final byte COMMIT = 1;
  static final byte COMPACT = 2;

  private WalCodec() {}

  /** A decoded record: a commit to replay or a compaction. */
  sealed interface Record {}

  /** A commit: replaying {@code txn} must produce {@code revision}. */
  record CommitRecord(long revision, Txn txn) implements Record {}

  /** A compaction to {@code revision}. */
  record CompactRecord(long revision) implements Record {}

  /** Appends the frame of {@code commit} to {@code out} (grown as needed) and returns it. */
  static ByteBuffer appendCommit(ByteBuffer out, Commit commit) {
    int size = 1 + 8 + 4;
    for (WatchEvent e : commit.events()) {
      size += 1 + 4 + e.kv().key().length;
      if (e.type() == WatchEvent.Type.PUT) {
        size += 4 + e.kv().value().length;
      }
    }
    out = ensure(out, HEADER + size);
    int start = out.position();
    out.position(start + HEADER);
    out.put(COMMIT).putLong(commit.revision()).putInt(commit.events().size());
    for (WatchEvent e : commit.events()) {
      boolean put = e.type() == WatchEvent.Type.PUT;
      out.put(put ? (byte) 0 : (byte) 1);
      out.putInt(e.kv().key().length).put(e.kv().key());
      if (put) {
        out.putInt(e.kv().value().length).put(e.kv().value());
      }
    }
    seal(out, start, size);
    return out;
  }

  /** Appends the frame of a compaction to {@code revision}. */
  static ByteBuffer appendCompact(ByteBuffer out, long revision) {
    int size = 1 + 8;
    out = ensure(out, HEADER + size);
    int start = out.position();
    out.position(start + HEADER);
    out.put(COMPACT).putLong(revision);
    seal(out, start, size);
    return out;
  }

  private static void seal(ByteBuffer out, int start, int size) {
    CRC32C crc = new CRC32C();
    crc.update(out.array(), out.arrayOffset() + start + HEADER, size);
    out.putInt(start, size);
    out.putInt(start + 4, (int) crc.getValue());
  }

  private static ByteBuffer ensure(ByteBuffer out, int more) {
    if (out.remaining() >= more) {
      return out;
    }
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
    out.flip();
    bigger.put(out);
    return bigger;
  }

  /** Whether a valid frame starts at {@code pos} of {@code buf} (within {@code limit}). */
  static int validFrameLength(ByteBuffer buf, int pos, int limit) {
    if (limit - pos < HEADER) {
      return -1;
    }
    int len = buf.getInt(pos);
    if (len <= 0 || len > MAX_PAYLOAD || (long) pos + HEADER + len > limit) {
      return -1;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(pos + HEADER, len));
    return (int) crc.getValue() == buf.getInt(pos + 4) ? len : -1;
  }

  /** Decodes a payload whose checksum already matched. */
  static Record decode(ByteBuffer p, String where) {
    try {
      byte type = p.get();
      if (type == COMPACT) {
        return new CompactRecord(p.getLong());
      }
      if (type != COMMIT) {
        throw new StoreCorruptedException("unknown record type " + type + " at " + where);
      }
      long rev = p.getLong();
      int n = p.getInt();
      if (n <= 0 || n > p.remaining()) {
        throw new StoreCorruptedException("bad event count " + n + " at " + where);
      }
      List<Op> ops = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte kind = p.get();
        byte[] key = new byte[p.getInt()];
        p.get(key);
        if (kind == 0) {
          byte[] value = new byte[p.getInt()];
          p.get(value);
          ops.add(new Op.Put(key, value));
        } else {
          ops.add(new Op.Delete(key));
        }
      }
      return new CommitRecord(rev, new Txn(List.of(), ops, List.of()));
    } catch (RuntimeException e) {
      if (e instanceof StoreCorruptedException sce) {
        throw sce;
      }
      throw new StoreCorruptedException("undecodable record at " + where + ": " + e, e);
    }
  }
}

package dev.keelson.store.internal.file;

import dev.keelson.store.StoreCorruptedException;
import dev.keelson.store.internal.memory.MvccEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds an engine from a directory: newest snapshot, then the log segments after it. */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /** Where to continue appending after recovery. */
  record Result(Path segment, long validLength, long snapshotRevision) {}

  static Result recover(Path dir, MvccEngine engine) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(".tmp")) {
          Files.delete(p); // an unfinished snapshot: never renamed, never trusted
        }
      }
    }
    long snapshotRevision = 0;
    Optional<Snapshots.SnapshotFile> snap = Snapshots.newest(dir);
    if (snap.isPresent()) {
      Snapshots.Loaded loaded = Snapshots.read(snap.get().path());
      if (loaded.revision() != snap.get().revision()) {
        throw new StoreCorruptedException("snapshot revision does not match its name: " + snap);
      }
      engine.restore(loaded.keys().iterator(), loaded.revision(), loaded.compacted());
      snapshotRevision = loaded.revision();
    }
    List<WalSegments.Segment> segments = WalSegments.list(dir);
    Path last = null;
    long lastLength = 0;
    for (int i = 0; i < segments.size(); i++) {
      WalSegments.Segment s = segments.get(i);
      boolean isLast = i == segments.size() - 1;
      if (isLast && s.firstRevision() > engine.appliedRevision() + 1) {
        throw new StoreCorruptedException(
            "log segment "
                + s.path()
                + " starts after revision "
                + engine.appliedRevision()
                + ": history is missing");
      }
      long length =
          WalSegments.scan(
              s.path(),
              isLast,
              payload -> replay(engine, WalCodec.decode(payload, s.path().toString())));
      last = s.path();
      lastLength = length;
    }
    if (last == null) {
      last = WalSegments.path(dir, engine.appliedRevision() + 1);
    }
    LOG.info(
        "store {} recovered at revision {} (snapshot {}, {} log segments)",
        dir,
        engine.appliedRevision(),
        snapshotRevision,
        segments.size());
    return new Result(last, lastLength, snapshotRevision);
  }

  private static void replay(MvccEngine engine, WalCodec.Record record) {
    switch (record) {
      case WalCodec.CommitRecord c -> {
        if (c.revision() <= engine.appliedRevision()) {
          return; // covered by the snapshot
        }
        if (c.revision() != engine.appliedRevision() + 1) {
          throw new StoreCorruptedException(
              "log jumps from revision " + engine.appliedRevision() + " to " + c.revision());
        }
        MvccEngine.Applied applied = engine.apply(c.txn());
        if (applied.commit() == null || applied.commit().revision() != c.revision()) {
          throw new StoreCorruptedException(
              "log record for revision " + c.revision() + " does not replay to that revision");
        }
        engine.publish(applied.commit());
        engine.maybeAutoCompact();
      }
      case WalCodec.CompactRecord k -> {
        if (k.revision() > engine.compactedRevision()
            && k.revision() <= engine.publishedRevision()) {
          engine.compact(k.revision());
        }
      }
    }
  }
}

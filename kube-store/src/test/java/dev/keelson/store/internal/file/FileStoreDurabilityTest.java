package dev.keelson.store.internal.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.store.CompactedException;
import dev.keelson.store.InvalidStoreUriException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RecordingListener;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.StoreCorruptedException;
import dev.keelson.store.Stores;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file backend adds to the contract: surviving restarts, snapshots, damaged logs. */
class FileStoreDurabilityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  @TempDir Path dir;

  private Store open() {
    return Stores.open("file:" + dir);
  }

  private Store open(long snapshotBytes) {
    return Stores.open(
        StoreConfig.builder("file:" + dir + "?snapshotBytes=" + snapshotBytes).build());
  }

  private static byte[] k(int i) {
    return Keys.utf8(String.format("/registry/pods/default/p%05d", i));
  }

  private static byte[] v(int i) {
    return Keys.utf8("value-" + i);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("wal-")).sorted().toList();
    }
  }

  private List<Path> snapshots() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".snap")).sorted().toList();
    }
  }

  private void writeSequentially(int n) {
    try (Store s = open()) {
      for (int i = 0; i < n; i++) {
        s.create(k(i), v(i));
      }
    }
  }

  @Test
  void reopenedStoreHasEveryKeyRevisionAndItsHistory() throws Exception {
    long r1;
    long r2;
    long r3;
    try (Store s = open()) {
      r1 = s.create(k(1), v(1));
      r2 = s.update(k(1), v(2), r1);
      r3 = s.create(k(2), v(3));
      s.delete(k(2), r3);
    }
    try (Store s = open()) {
      assertThat(s.currentRevision()).isEqualTo(r3 + 1);
      KeyValue kv = s.get(k(1)).orElseThrow();
      assertThat(kv).isEqualTo(new KeyValue(k(1), v(2), r1, r2, 2));
      assertThat(s.get(k(2))).isEmpty();
      assertThat(s.get(k(1), r1).orElseThrow().value()).isEqualTo(v(1));
      RecordingListener l = new RecordingListener();
      try (Watch w = s.watch(WatchRequest.prefix("/registry/").fromRevision(r2), l)) {
        List<WatchEvent> events = l.awaitEvents(3, TIMEOUT);
        assertThat(events).extracting(WatchEvent::revision).containsExactly(r2, r3, r3 + 1);
        assertThat(events.get(2).prevKv().value()).isEqualTo(v(3));
      }
    }
  }

  @Test
  void snapshotsReplaceCoveredLogSegmentsAndRecoveryStartsFromThem() throws Exception {
    long compactedAt;
    long last;
    try (Store s = open(4096)) {
      for (int i = 0; i < 300; i++) {
        s.put(k(i % 50), v(i));
      }
      compactedAt = s.currentRevision() - 20;
      s.compact(compactedAt);
      for (int i = 300; i < 400; i++) {
        s.put(k(i % 50), v(i));
      }
      last = s.currentRevision();
    }
    assertThat(snapshots()).isNotEmpty();
    long snapshotRevision =
        Long.parseLong(snapshots().get(0).getFileName().toString().replaceAll("\\D", ""));
    assertThat(snapshotRevision).isGreaterThan(compactedAt);
    for (Path seg : segments()) {
      long first = Long.parseLong(seg.getFileName().toString().replaceAll("\\D", ""));
      assertThat(first)
          .as("segments covered by the snapshot are gone")
          .isGreaterThan(snapshotRevision);
    }
    try (Store s = open(4096)) {
      assertThat(s.currentRevision()).isEqualTo(last);
      for (int i = 350; i < 400; i++) {
        assertThat(s.get(k(i % 50)).orElseThrow().value()).isEqualTo(v(i));
      }
      assertThat(s.count(Keys.utf8("/registry/pods/"))).isEqualTo(50);
      assertThatThrownBy(() -> s.get(k(0), compactedAt - 1)).isInstanceOf(CompactedException.class);
      assertThat(s.get(k(0), compactedAt)).isPresent();
      RecordingListener l = new RecordingListener();
      try (Watch w = s.watch(WatchRequest.prefix("/registry/").fromRevision(compactedAt), l)) {
        List<WatchEvent> events = l.awaitEvents((int) (last - compactedAt + 1), TIMEOUT);
        assertThat(events.get(0).revision()).isEqualTo(compactedAt);
        assertThat(events.get(events.size() - 1).revision()).isEqualTo(last);
        assertThat(events.get(1).prevKv()).as("prev values survive the snapshot").isNotNull();
      }
    }
  }

  @Test
  void tornLastRecordIsTruncatedAndEarlierWritesSurvive() throws Exception {
    writeSequentially(20);
    Path seg = segments().get(segments().size() - 1);
    long size = Files.size(seg);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5); // the last record now ends mid-payload
    }
    try (Store s = open()) {
      assertThat(s.currentRevision()).isEqualTo(19);
      assertThat(s.get(k(18)).orElseThrow().value()).isEqualTo(v(18));
      assertThat(s.get(k(19))).isEmpty();
      assertThat(s.create(k(19), v(19))).isEqualTo(20);
    }
    try (Store s = open()) {
      assertThat(s.currentRevision()).isEqualTo(20);
      assertThat(s.get(k(19)).orElseThrow().value()).isEqualTo(v(19));
    }
  }

  @Test
  void flippedByteInTheLastRecordDropsOnlyThatRecord() throws Exception {
    writeSequentially(20);
    Path seg = segments().get(segments().size() - 1);
    flip(seg, Files.size(seg) - 3);
    try (Store s = open()) {
      assertThat(s.currentRevision()).isEqualTo(19);
      assertThat(s.get(k(19))).isEmpty();
      assertThat(s.count(Keys.utf8("/registry/"))).isEqualTo(19);
    }
  }

  @Test
  void zeroFilledTailIsTruncated() throws Exception {
    writeSequentially(5);
    Path seg = segments().get(segments().size() - 1);
    Files.write(seg, new byte[4096], StandardOpenOption.APPEND);
    try (Store s = open()) {
      assertThat(s.currentRevision()).isEqualTo(5);
    }
    assertThat(Files.size(seg)).isLessThan(4096);
  }

  @Test
  void flippedByteInAMiddleRecordFailsLoudlyInsteadOfDroppingData() throws Exception {
    writeSequentially(20);
    Path seg = segments().get(segments().size() - 1);
    byte[] before = Files.readAllBytes(seg);
    flip(seg, Files.size(seg) / 2);
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreCorruptedException.class)
        .hasMessageContaining("followed by a valid record");
    assertThat(Files.size(seg)).as("nothing was truncated").isEqualTo(before.length);
  }

  @Test
  void corruptSnapshotFailsLoudly() throws Exception {
    try (Store s = open(512)) {
      for (int i = 0; i < 50; i++) {
        s.put(k(i), v(i));
      }
    }
    Path snap = snapshots().get(snapshots().size() - 1);
    flip(snap, Files.size(snap) / 2);
    assertThatThrownBy(this::open).isInstanceOf(StoreCorruptedException.class);
  }

  @Test
  void aSecondStoreCannotOpenADirectoryInUse() {
    try (Store s = open()) {
      assertThatThrownBy(this::open)
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("in use");
    }
    try (Store s = open()) {
      assertThat(s.currentRevision()).isZero();
    }
  }

  @Test
  void invalidFileUrisAreRejectedTyped() {
    assertThatThrownBy(() -> Stores.open("file:"))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> Stores.open("file://somehost/data"))
        .isInstanceOf(InvalidStoreUriException.class);
    assertThatThrownBy(() -> Stores.open("file:" + dir + "?bogus=1"))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("bogus");
    assertThatThrownBy(() -> Stores.open("file:" + dir + "?snapshotBytes=-1"))
        .isInstanceOf(InvalidStoreUriException.class);
  }

  @Test
  void rangeAfterRestartPaginatesLikeBefore() {
    writeSequentially(30);
    try (Store s = open()) {
      var page = s.range(RangeRequest.prefix("/registry/").withLimit(10));
      assertThat(page.count()).isEqualTo(30);
      assertThat(page.more()).isTrue();
      assertThat(page.kvs().get(9).key()).isEqualTo(k(9));
    }
  }

  static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5a);
    }
  }
}

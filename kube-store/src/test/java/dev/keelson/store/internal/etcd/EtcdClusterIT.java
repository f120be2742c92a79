package dev.keelson.store.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.KeyExistsException;
import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import dev.keelson.store.testing.etcd.EtcdCluster;
import dev.keelson.store.testing.etcd.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A three-member etcd whose leader is killed (SIGKILL) while writers keep writing and watchers keep
 * watching.
 *
 * <p>Writers create unique keys. A create whose answer was lost (the store says {@link
 * UnavailableException}: it may or may not have been applied) is retried; the retry either creates
 * the key or finds it already there with the writer's own value, so no write is ever applied twice
 * and every write is eventually acknowledged exactly once.
 */
class EtcdClusterIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PREFIX = "/registry/leader-kill/";

  @BeforeAll
  static void etcdInstalled() {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
  }

  @Test
  void killingTheLeaderMidStreamLosesNoAcknowledgedWriteAndWatchersSeeEachRevisionOnce()
      throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(3)) {
      EtcdProcess leader = etcd.leader(TIMEOUT);
      String allMembers = etcd.storeUri("/kill-test");
      // A second store talks only to the leader-to-be-killed: its watch must break and resume
      // from the right revision once that member is back.
      String leaderOnly = "etcd://" + leader.endpoint() + "?prefix=/kill-test";
      // Its watch survives an outage of three request timeouts: 30 s for the member to return.
      try (Store store = open(allMembers, Duration.ofSeconds(3));
          Store pinned = open(leaderOnly, Duration.ofSeconds(10))) {
        long start = store.currentRevision() + 1;
        RevisionRecorder watched = new RevisionRecorder();
        RevisionRecorder pinnedWatched = new RevisionRecorder();
        try (Watch w = store.watch(watchFrom(start), watched);
            Watch pw = pinned.watch(watchFrom(start), pinnedWatched)) {

          Map<String, Long> acknowledged = new ConcurrentHashMap<>();
          AtomicBoolean stop = new AtomicBoolean();
          AtomicInteger retries = new AtomicInteger();
          List<Thread> writers = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            int writer = i;
            writers.add(
                Thread.ofVirtual().start(() -> write(store, writer, stop, acknowledged, retries)));
          }

          await("100 writes before the kill", () -> acknowledged.size() >= 100);
          leader.kill();
          int atKill = acknowledged.size();
          EtcdProcess newLeader = etcd.awaitLeader(TIMEOUT);
          assertThat(newLeader).isNotSameAs(leader);
          await("100 writes after the kill", () -> acknowledged.size() >= atKill + 100);

          leader.start(); // rejoins as a follower; the pinned watch reconnects to it
          etcd.awaitHealthy(TIMEOUT);
          int atRestart = acknowledged.size();
          await("100 writes after the restart", () -> acknowledged.size() >= atRestart + 100);
          stop.set(true);
          for (Thread t : writers) {
            t.join(TIMEOUT.toMillis());
            assertThat(t.isAlive()).as("writer finished").isFalse();
          }

          // Every acknowledged write is there, with the revision it was acknowledged at.
          Map<String, Long> stored = new TreeMap<>();
          for (KeyValue kv : store.range(RangeRequest.prefix(PREFIX)).kvs()) {
            stored.put(kv.keyString(), kv.modRevision());
          }
          assertThat(stored).isEqualTo(new TreeMap<>(acknowledged));

          // Every write made exactly one revision, and only these writes happened, so the
          // revisions from start on are exactly the keys' revisions, without gaps.
          long last = stored.values().stream().mapToLong(Long::longValue).max().orElseThrow();
          List<Long> expected = LongStream.rangeClosed(start, last).boxed().toList();
          assertThat(stored.values().stream().sorted().toList()).isEqualTo(expected);

          // Each watcher saw each revision exactly once, in order.
          await("watcher caught up", () -> caughtUp(w, watched, last));
          await("pinned watcher caught up", () -> caughtUp(pw, pinnedWatched, last));
          assertThat(watched.revisions()).isEqualTo(expected);
          assertThat(pinnedWatched.revisions()).isEqualTo(expected);
          assertThat(w.terminated().toCompletableFuture()).isNotDone();
          assertThat(pw.terminated().toCompletableFuture()).isNotDone();
          System.out.printf(
              "EtcdClusterIT: %d writes (%d retried after lost answers), revisions %d..%d%n",
              acknowledged.size(), retries.get(), start, last);
        }
      }
    }
  }

  private static Store open(String uri, Duration requestTimeout) {
    return Stores.open(StoreConfig.builder(uri).requestTimeout(requestTimeout).build());
  }

  private static boolean caughtUp(Watch watch, RevisionRecorder recorder, long revision) {
    assertThat(watch.terminated().toCompletableFuture()).as("watch still running").isNotDone();
    return recorder.last() >= revision;
  }

  private static WatchRequest watchFrom(long revision) {
    return WatchRequest.prefix(PREFIX).fromRevision(revision);
  }

  /** Creates keys w{writer}-{n} until stopped; retries lost answers without double writes. */
  private static void write(
      Store store,
      int writer,
      AtomicBoolean stop,
      Map<String, Long> acknowledged,
      AtomicInteger retries) {
    for (int n = 0; !stop.get(); n++) {
      String key = PREFIX + "w" + writer + "-" + String.format("%06d", n);
      byte[] value = (key + "@value").getBytes(StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        try {
          acknowledged.put(key, store.create(key.getBytes(StandardCharsets.UTF_8), value));
          break;
        } catch (KeyExistsException e) {
          // An earlier attempt was applied although its answer was lost: it is ours.
          KeyValue kv = store.get(key.getBytes(StandardCharsets.UTF_8)).orElseThrow();
          assertThat(kv.value()).isEqualTo(value);
          acknowledged.put(key, kv.modRevision());
          break;
        } catch (UnavailableException e) {
          retries.incrementAndGet();
          assertThat(System.nanoTime()).as("write %s retried too long", key).isLessThan(deadline);
        }
      }
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for: %s", what).isLessThan(deadline);
      Thread.sleep(5); // polling interval; the deadline decides
    }
  }

  /** Records the revision of every event, in delivery order. */
  private static final class RevisionRecorder implements WatchListener {
    private final List<Long> revisions = new ArrayList<>();

    @Override
    public synchronized void onEvents(List<WatchEvent> events) {
      for (WatchEvent e : events) {
        revisions.add(e.revision());
      }
    }

    synchronized List<Long> revisions() {
      return List.copyOf(revisions);
    }

    synchronized long last() {
      return revisions.isEmpty() ? 0 : revisions.getLast();
    }
  }
}

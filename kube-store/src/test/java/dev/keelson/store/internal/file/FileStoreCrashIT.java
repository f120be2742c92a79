package dev.keelson.store.internal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL, several times, and checks after each restart that every
 * acknowledged write is present and nothing beyond what was attempted exists.
 */
class FileStoreCrashIT {
  private static final int THREADS = 8;
  private static final int ACKS_PER_ROUND = 1500;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNothingElseAppears() throws Exception {
    killAndVerifyRounds(1);
  }

  @Test
  void everyAcknowledgedAsyncWriteSurvivesSigkillAndNothingElseAppears() throws Exception {
    killAndVerifyRounds(16);
  }

  private void killAndVerifyRounds(int inFlight) throws Exception {
    // Small snapshot threshold so that kills also land during snapshots and log rotations.
    String uri = "file:" + dir + "?snapshotBytes=262144";
    Set<String> acked = new HashSet<>();
    // Keys found after an earlier kill: durable, and the next writer continues after them, so they
    // count as settled even if their ACK never came (the kill fell between the write and the ACK).
    Set<String> settled = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      acked.addAll(runAndKill(uri, inFlight));
      try (Store store = Stores.open(uri)) {
        settled.addAll(verify(store, acked, settled, inFlight));
      }
    }
  }

  private List<String> runAndKill(String uri, int inFlight) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                cp,
                CrashWriter.class.getName(),
                uri,
                String.valueOf(THREADS),
                String.valueOf(inFlight))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                      lines.add(line);
                    }
                  } catch (Exception e) {
                    // the stream ends when the child dies
                  }
                });
    List<String> acks = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (acks.size() < ACKS_PER_ROUND) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(line)
          .as("child output before the deadline (alive=%s)", child.isAlive())
          .isNotNull();
      if (line.startsWith("ACK ")) {
        acks.add(line.substring(4));
      }
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    reader.join(TIMEOUT.toMillis());
    for (String line; (line = lines.poll()) != null; ) {
      if (line.startsWith("ACK ")) {
        acks.add(line.substring(4)); // acknowledged before the kill, read after it
      }
    }
    return acks;
  }

  /** Checks the store after a kill; returns the keys present. */
  private static Set<String> verify(
      Store store, Set<String> acked, Set<String> settled, int inFlight) {
    List<KeyValue> all = store.range(RangeRequest.prefix("/crash/")).kvs();
    Set<String> present = new HashSet<>();
    TreeMap<Integer, Long> maxPerThread = new TreeMap<>();
    for (KeyValue kv : all) {
      String k = kv.keyString();
      present.add(k);
      assertThat(kv.valueString()).as("value of %s", k).isEqualTo(CrashWriter.value(k));
      assertThat(kv.version()).isEqualTo(1);
      int t = Integer.parseInt(k.substring(8, 10));
      long n = Long.parseLong(k.substring(11));
      maxPerThread.merge(t, n, Math::max);
    }
    assertThat(present).as("every acknowledged write is present").containsAll(acked);
    // Each thread issues its keys in order, at most inFlight unacknowledged at a time, and the
    // store applies one thread's writes in issue order: what exists is a gap-free sequence 0..m
    // per thread, where m is at most inFlight beyond that thread's last acknowledged key.
    for (var e : maxPerThread.entrySet()) {
      int t = e.getKey();
      for (long n = 0; n <= e.getValue(); n++) {
        assertThat(present).contains(CrashWriter.key(t, n));
      }
      long lastAcked = -1;
      for (long n = e.getValue(); n >= 0; n--) {
        String k = CrashWriter.key(t, n);
        if (acked.contains(k) || settled.contains(k)) {
          lastAcked = n;
          break;
        }
      }
      assertThat(e.getValue())
          .as("thread %d wrote nothing it did not attempt", t)
          .isLessThanOrEqualTo(lastAcked + inFlight);
    }
    assertThat(maxPerThread.keySet()).allMatch(t -> t < THREADS);
    assertThat(store.currentRevision())
        .as("one revision per create, no phantom revisions")
        .isEqualTo(all.size());
    return present;
  }
}

package dev.keelson.store.internal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
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
    String uri = "file:" + dir.resolve("store") + "?snapshotBytes=262144";
    Set<String> acked = new HashSet<>();
    // Keys found after an earlier kill: durable, and the next writer continues after them, so they
    // count as settled even if their ACK never came (the kill fell between the write and the ACK).
    Set<String> settled = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      acked.addAll(runAndKill(uri, inFlight, dir.resolve("acks-" + round)));
      try (Store store = Stores.open(uri)) {
        settled.addAll(verify(store, acked, settled, inFlight));
      }
    }
  }

  private List<String> runAndKill(String uri, int inFlight, Path ackFile) throws Exception {
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
                String.valueOf(inFlight),
                ackFile.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (acks(ackFile).size() < ACKS_PER_ROUND) {
      assertThat(child.isAlive()).as("the writer child is alive").isTrue();
      assertThat(System.nanoTime())
          .as("%d ACKs before the deadline", ACKS_PER_ROUND)
          .isLessThan(deadline);
      Thread.sleep(10); // polls a file another process appends to: nothing to wait on instead
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    // Every ACK whose write(2) returned before the kill is in the file now.
    return acks(ackFile);
  }

  /** The keys of the complete {@code ACK <key>} lines in {@code file} (none if it is absent). */
  private static List<String> acks(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> keys = new ArrayList<>();
    int start = 0;
    for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) {
      String line = text.substring(start, nl);
      assertThat(line).as("ACK file line").startsWith("ACK ");
      keys.add(line.substring(4));
    }
    return keys;
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

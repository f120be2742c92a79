package dev.keelson.benchmarks.store;

import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes through the {@code etcd://} store against raw jetcd puts, 16 concurrent writers each,
 * against the same local etcd ({@link BenchmarkEtcd}) in the same run.
 *
 * <p>{@code keelsonStorePut} and {@code rawJetcdPut} each run alone with 16 writers; the {@code
 * sideBySide} group runs 16 writers of each at the same time. Each writer cycles over its own 1,024
 * keys with 512-byte values; the store writes under {@code /bench-store/}, raw jetcd under {@code
 * /bench-raw/}. Both block on each answer, as a request handler does. Each trial starts from a
 * compacted etcd so that neither side pays for the other's history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EtcdPutBenchmark {
  private static final int KEYS_PER_WRITER = 1024;
  private static final byte[] VALUE = value(512);

  private Store store;
  private Client client;
  private KV kv;

  @Setup(Level.Trial)
  public void connect() throws Exception {
    String endpoint = BenchmarkEtcd.endpoint();
    store = Stores.open("etcd://" + endpoint + "?prefix=/bench-store");
    client = Client.builder().endpoints("http://" + endpoint).build();
    kv = client.getKVClient();
    long revision = kv.get(ByteSequence.from(new byte[] {0})).get().getHeader().getRevision();
    if (revision > 1) {
      kv.compact(revision).get();
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    client.close();
  }

  /** One writer's keys. */
  @State(Scope.Thread)
  public static class Writer {
    private static final AtomicInteger IDS = new AtomicInteger();
    final byte[][] storeKeys = new byte[KEYS_PER_WRITER][];
    final byte[][] rawKeys = new byte[KEYS_PER_WRITER][];
    int next;

    @Setup(Level.Trial)
    public void keys() {
      int id = IDS.getAndIncrement();
      for (int i = 0; i < KEYS_PER_WRITER; i++) {
        String key = String.format("/registry/bench/w%02d/k%04d", id, i);
        storeKeys[i] = key.getBytes(StandardCharsets.UTF_8);
        rawKeys[i] = ("/bench-raw" + key).getBytes(StandardCharsets.UTF_8);
      }
    }

    int nextIndex() {
      int i = next;
      next = (i + 1) % KEYS_PER_WRITER;
      return i;
    }
  }

  @Benchmark
  public long keelsonStorePut(Writer writer) {
    return store.put(writer.storeKeys[writer.nextIndex()], VALUE);
  }

  @Benchmark
  public long rawJetcdPut(Writer writer) throws Exception {
    return kv.put(ByteSequence.from(writer.rawKeys[writer.nextIndex()]), ByteSequence.from(VALUE))
        .get()
        .getHeader()
        .getRevision();
  }

  /**
   * Both at once: 16 store writers and 16 raw jetcd writers share the etcd at the same time, so
   * disk and CPU noise (fsync latency on shared machines varies by 2x between iterations) hits both
   * sides alike; the per-method scores of the group give the ratio.
   */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(16)
  public long sideBySideKeelsonStorePut(Writer writer) {
    return keelsonStorePut(writer);
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(16)
  public long sideBySideRawJetcdPut(Writer writer) throws Exception {
    return rawJetcdPut(writer);
  }

  private static byte[] value(int size) {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'v');
    return value;
  }
}

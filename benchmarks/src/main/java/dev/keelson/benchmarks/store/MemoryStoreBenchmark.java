package dev.keelson.benchmarks.store;

import dev.keelson.store.KeyValue;
import dev.keelson.store.Keys;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code memory:} single-threaded: conditional puts (update if mod revision) of 1 KiB values and
 * gets of 1 KiB values, over 10,000 keys. Goals: puts >= 500k/s, gets >= 2M/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MemoryStoreBenchmark {
  private static final int KEYS = 10_000;
  private Store store;
  private byte[][] keys;
  private long[] modRevisions;
  private byte[] value;
  private int next;
  private final ConcurrentSkipListMap<byte[], byte[]> peer =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  @Setup
  public void setUp() {
    store = Stores.open("memory:");
    keys = new byte[KEYS][];
    modRevisions = new long[KEYS];
    value = new byte[1024];
    ThreadLocalRandom.current().nextBytes(value);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = Keys.utf8(String.format("/registry/configmaps/default/cm-%06d", i));
      modRevisions[i] = store.create(keys[i], value);
      peer.put(keys[i], value.clone());
    }
  }

  @TearDown
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public long conditionalPut1KiB() {
    int i = next++ % KEYS;
    long rev = store.update(keys[i], value, modRevisions[i]);
    modRevisions[i] = rev;
    return rev;
  }

  @Benchmark
  public Optional<KeyValue> get1KiB() {
    return store.get(keys[next++ % KEYS]);
  }

  /**
   * Peer: a bare {@code ConcurrentSkipListMap} put of a copied 1 KiB value under a lock (the least
   * any MVCC put with one writer lock does), to read the store's figure against on a noisy box.
   */
  @Benchmark
  public Object peerLockedSkipListPut1KiB() {
    byte[] k = keys[next++ % KEYS];
    synchronized (peer) {
      return peer.put(k, value.clone());
    }
  }

  /** Peer: a bare {@code ConcurrentSkipListMap} get plus a copy of the 1 KiB value. */
  @Benchmark
  public byte[] peerSkipListGet1KiB() {
    return peer.get(keys[next++ % KEYS]).clone();
  }
}

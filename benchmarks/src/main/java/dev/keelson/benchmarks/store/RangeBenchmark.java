package dev.keelson.benchmarks.store;

import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full paginated list of 100,000 keys (256-byte values) in pages of 500 at one revision, as a
 * Kubernetes list with {@code limit=500} does. One operation is the whole list (200 pages).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RangeBenchmark {
  private static final int KEYS = 100_000;
  private static final int PAGE = 500;
  private Store store;
  private RangeRequest first;
  private final ConcurrentSkipListMap<byte[], byte[]> peer =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  @Setup
  public void setUp() {
    store = Stores.open("memory:");
    byte[] value = new byte[256];
    for (int i = 0; i < KEYS; i++) {
      store.create(Keys.utf8(String.format("/registry/pods/ns-%02d/pod-%06d", i % 10, i)), value);
    }
    first = RangeRequest.prefix("/registry/pods/").withLimit(PAGE);
    for (var kv : store.range(RangeRequest.prefix("/registry/pods/")).kvs()) {
      peer.put(kv.key(), kv.value());
    }
  }

  @TearDown
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public long list100kInPagesOf500() {
    RangeResult page = store.range(first);
    long rev = page.revision();
    long n = page.kvs().size();
    while (page.more()) {
      byte[] last = page.kvs().get(page.kvs().size() - 1).key();
      page = store.range(first.atRevision(rev).startAfter(last));
      n += page.kvs().size();
    }
    if (n != KEYS) {
      throw new IllegalStateException("listed " + n + " keys, expected " + KEYS);
    }
    return n;
  }

  /**
   * Peer: the same pages from a bare {@code ConcurrentSkipListMap} (copying keys and values), with
   * no revision and no total count; the difference is mostly the etcd-style count of the remaining
   * range that every page computes.
   */
  @Benchmark
  public long peerSkipListPagesOf500() {
    long n = 0;
    byte[] from = Keys.utf8("/registry/pods/");
    byte[] end = Keys.prefixEnd(from);
    boolean inclusive = true;
    while (true) {
      List<byte[][]> page = new ArrayList<>(PAGE);
      for (Map.Entry<byte[], byte[]> e : peer.subMap(from, inclusive, end, false).entrySet()) {
        if (page.size() == PAGE) {
          break;
        }
        page.add(new byte[][] {e.getKey().clone(), e.getValue().clone()});
      }
      n += page.size();
      if (page.size() < PAGE) {
        break;
      }
      from = page.get(PAGE - 1)[0];
      inclusive = false;
    }
    if (n != KEYS) {
      throw new IllegalStateException("listed " + n + " keys, expected " + KEYS);
    }
    return n;
  }
}

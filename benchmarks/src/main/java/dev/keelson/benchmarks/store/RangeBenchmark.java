package dev.keelson.benchmarks.store;

import dev.keelson.store.Keys;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
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

  @Setup
  public void setUp() {
    store = Stores.open("memory:");
    byte[] value = new byte[256];
    for (int i = 0; i < KEYS; i++) {
      store.create(Keys.utf8(String.format("/registry/pods/ns-%02d/pod-%06d", i % 10, i)), value);
    }
    first = RangeRequest.prefix("/registry/pods/").withLimit(PAGE);
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
}

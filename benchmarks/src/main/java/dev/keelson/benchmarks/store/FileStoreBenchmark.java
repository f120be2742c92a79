package dev.keelson.benchmarks.store;

import dev.keelson.store.Keys;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import dev.keelson.store.internal.file.FileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code file:} with 16 concurrent writer threads doing conditional puts of 1 KiB values; every put
 * is acknowledged only after its fsync. Goal: >= 30k durable puts/s. {@code
 * durableConditionalPut1KiB}: each thread has one blocking put in flight (to its own key). {@code
 * durableConditionalPut1KiBAsync}: each thread keeps {@code inFlight} puts in flight through {@code
 * updateAsync} (each to its own key, so 16 x inFlight keys). After each iteration it prints the
 * fsyncs per second and the puts per fsync (group commit at work).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class FileStoreBenchmark {

  /** The shared store and its fsync counter. */
  @State(Scope.Benchmark)
  public static class Shared {
    Store store;
    Path dir;
    final LongAdder puts = new LongAdder();
    final AtomicInteger threads = new AtomicInteger();
    long fsyncsAtStart;
    long putsAtStart;
    long startNanos;

    @Setup
    public void open() throws IOException {
      dir = Files.createTempDirectory("keelson-file-bench");
      store = Stores.open(StoreConfig.builder("file:" + dir).build());
    }

    @Setup(Level.Iteration)
    public void startIteration() {
      fsyncsAtStart = ((FileStore) store).fsyncCount();
      putsAtStart = puts.sum();
      startNanos = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void report() {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      long fsyncs = ((FileStore) store).fsyncCount() - fsyncsAtStart;
      long n = puts.sum() - putsAtStart;
      System.out.printf(
          "%n[file store] %.0f durable puts/s, %.0f fsyncs/s, %.1f puts per fsync%n",
          n / seconds, fsyncs / seconds, fsyncs == 0 ? 0.0 : (double) n / fsyncs);
    }

    @TearDown
    public void close() throws IOException {
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** One writer's key and its last mod revision. */
  @State(Scope.Thread)
  public static class Writer {
    byte[] key;
    byte[] value;
    long modRevision;

    @Setup
    public void setUp(Shared shared) {
      key = Keys.utf8("/registry/leases/kube-system/writer-" + shared.threads.incrementAndGet());
      value = new byte[1024];
      ThreadLocalRandom.current().nextBytes(value);
      modRevision = shared.store.put(key, value);
    }
  }

  /**
   * One writer with {@code inFlight} conditional puts in flight through {@code updateAsync}, each
   * to its own key: a rolling window (each invocation waits for the oldest put, then issues the
   * next put of that key), as an etcd client pipelining requests on one connection does.
   */
  @State(Scope.Thread)
  public static class AsyncWriter {
    @Param({"16"})
    int inFlight;

    byte[][] keys;
    byte[] value;
    long[] modRevisions;
    CompletableFuture<Long>[] pending;
    int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(Shared shared) {
      int writer = shared.threads.incrementAndGet();
      keys = new byte[inFlight][];
      modRevisions = new long[inFlight];
      pending = new CompletableFuture[inFlight];
      value = new byte[1024];
      ThreadLocalRandom.current().nextBytes(value);
      for (int i = 0; i < inFlight; i++) {
        keys[i] = Keys.utf8("/registry/leases/kube-system/writer-" + writer + "-" + i);
        modRevisions[i] = shared.store.put(keys[i], value);
        pending[i] = shared.store.updateAsync(keys[i], value, modRevisions[i]);
      }
    }

    @TearDown
    public void drain() {
      for (CompletableFuture<Long> f : pending) {
        f.join();
      }
    }
  }

  @Benchmark
  public long durableConditionalPut1KiBAsync(Shared shared, AsyncWriter w) {
    int i = w.next;
    w.next = i + 1 == w.inFlight ? 0 : i + 1;
    long rev = w.pending[i].join();
    w.modRevisions[i] = rev;
    w.pending[i] = shared.store.updateAsync(w.keys[i], w.value, rev);
    shared.puts.increment();
    return rev;
  }

  @Benchmark
  public long durableConditionalPut1KiB(Shared shared, Writer w) {
    long rev = shared.store.update(w.key, w.value, w.modRevision);
    w.modRevision = rev;
    shared.puts.increment();
    return rev;
  }
}

package dev.keelson.benchmarks.watch;

import dev.keelson.api.json.KubeJson;
import dev.keelson.store.Keys;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import dev.keelson.watch.Event;
import dev.keelson.watch.EventSink;
import dev.keelson.watch.EventType;
import dev.keelson.watch.ResourceKeys;
import dev.keelson.watch.Selector;
import dev.keelson.watch.Subscription;
import dev.keelson.watch.WatchCache;
import dev.keelson.watch.WatchCacheConfig;
import dev.keelson.watch.WatchOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The watch fan-out harness (a main, not JMH: it measures one end-to-end run).
 *
 * <p>{@code throughput}: 1,000 in-process subscribers with mixed filters (a quarter unfiltered, a
 * quarter one of 10 namespaces, a quarter one of 5 label values, a quarter both) on one {@code
 * memory:} store; one writer makes 10,000 updates of 1,000 pods as fast as it can. Reports event
 * deliveries per second (from the first write to the last delivery) and write-to-delivery latency
 * percentiles (timestamp taken just before each write, compared at delivery).
 *
 * <p>{@code latency}: the same, with the writes paced at {@code rate} per second, so that latency
 * is measured below saturation.
 *
 * <p>{@code idle}: 10,000 subscribers with mixed filters and no writes; reports heap bytes per
 * subscriber (used heap after GC, before and after subscribing). Run it with {@code -Xmx256m}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.keelson.benchmarks.watch.WatchFanOut throughput|latency [rate]|idle}
 */
public final class WatchFanOut {
  static final ResourceKeys PODS = ResourceKeys.namespaced("", "pods");
  static final int OBJECTS = 1_000;
  static final int WRITES = 10_000;
  static final int SUBSCRIBERS = Integer.getInteger("subscribers", 1_000);
  static final int IDLE_SUBSCRIBERS = 10_000;

  private WatchFanOut() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "throughput";
    switch (mode) {
      case "throughput" -> fanOut(0);
      case "latency" -> fanOut(args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
      case "idle" -> idle();
      default -> throw new IllegalArgumentException("mode: throughput | latency [rate] | idle");
    }
  }

  static byte[] pod(int i, int version) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "pod-" + i);
    meta.put("namespace", namespace(i));
    meta.put("labels", Map.of("app", "app-" + (i % 5), "tier", "t" + (i % 3)));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.put("metadata", meta);
    pod.put(
        "spec",
        Map.of(
            "nodeName",
            "node-" + (i % 20),
            "containers",
            List.of(Map.of("name", "c", "image", "nginx:1." + version))));
    return KubeJson.encode(pod);
  }

  static String namespace(int i) {
    return "ns-" + (i % 10);
  }

  /** The subscriber {@code n}'s filters: a quarter each of none, namespace, label, both. */
  static WatchOptions options(int n) {
    WatchOptions o = WatchOptions.all().withBufferEvents(WRITES * 2);
    Selector label = Selector.equalities(Map.of("app", "app-" + (n % 5)));
    return switch (n % 4) {
      case 0 -> o;
      case 1 -> o.inNamespace(namespace(n));
      case 2 -> o.withLabels(label);
      default -> o.inNamespace(namespace(n)).withLabels(label);
    };
  }

  static void fanOut(int rate) throws Exception {
    try (Store store = Stores.open("memory:")) {
      for (int i = 0; i < OBJECTS; i++) {
        store.put(Keys.utf8(PODS.key(namespace(i), "pod-" + i)), pod(i, 0));
      }
      // Pre-encode the writes so that the writer measures the store and the cache, not Jackson.
      byte[][] values = new byte[WRITES][];
      for (int k = 0; k < WRITES; k++) {
        values[k] = pod(k % OBJECTS, k + 1);
      }
      WatchCache cache =
          WatchCache.start(
              store,
              WatchCacheConfig.builder(PODS, "v1", "Pod")
                  .windowEvents(WRITES * 2)
                  .bufferEvents(WRITES * 2)
                  .wakeInterval(Duration.ofMillis(Integer.getInteger("wakeMillis", 2)))
                  .build());
      long base = store.currentRevision();
      long[] writeNanos = new long[WRITES];
      Recorder[] recorders = new Recorder[SUBSCRIBERS];
      AtomicLong outstanding = new AtomicLong();
      List<Subscription> subs = new ArrayList<>();
      long expected = 0;
      for (int n = 0; n < SUBSCRIBERS; n++) {
        WatchOptions o = options(n);
        int matching = 0;
        for (int k = 0; k < WRITES; k++) {
          int i = k % OBJECTS;
          if ((o.namespace() == null || o.namespace().equals(namespace(i)))
              && o.labelSelector().matches(Map.of("app", "app-" + (i % 5)))) {
            matching++;
          }
        }
        expected += matching;
        recorders[n] = new Recorder(base, writeNanos, matching, outstanding);
        subs.add(cache.subscribe(o, recorders[n]));
      }
      outstanding.set(expected);
      System.gc();
      long intervalNanos = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
      String loadBefore = loadAverage();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      for (int k = 0; k < WRITES; k++) {
        if (intervalNanos > 0) {
          long due = start + k * intervalNanos;
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        int i = k % OBJECTS;
        writeNanos[k] = System.nanoTime();
        long rv = store.put(Keys.utf8(PODS.key(namespace(i), "pod-" + i)), values[k]);
        if (rv != base + k + 1) {
          throw new IllegalStateException("unexpected revision " + rv + " for write " + k);
        }
      }
      long written = System.nanoTime();
      long deadline = written + TimeUnit.SECONDS.toNanos(120);
      while (outstanding.get() > 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      long end = Recorder.lastDelivery.get();
      long cpu = processCpuNanos() - cpuStart;
      if (outstanding.get() != 0) {
        throw new IllegalStateException(outstanding.get() + " deliveries missing");
      }
      long[] all = new long[(int) expected];
      int at = 0;
      for (Recorder r : recorders) {
        System.arraycopy(r.latencies, 0, all, at, r.count);
        at += r.count;
      }
      Arrays.sort(all);
      double seconds = (end - start) / 1e9;
      System.out.printf(
          "mode=%s subscribers=%d writes=%d deliveries=%d wakeInterval=%s%n",
          rate == 0 ? "throughput" : "latency@" + rate + "/s",
          SUBSCRIBERS,
          WRITES,
          expected,
          cache.config().wakeInterval());
      System.out.printf(
          "writes took %.3f s (%.0f writes/s); last delivery after %.3f s%n",
          (written - start) / 1e9, WRITES / ((written - start) / 1e9), seconds);
      System.out.printf("deliveries/s = %.0f%n", expected / seconds);
      System.out.printf(
          "process CPU %.2f s -> deliveries per CPU-second = %.0f (includes the store and the writer)%n",
          cpu / 1e9, expected / (cpu / 1e9));
      System.out.println("load average before/after: " + loadBefore + " / " + loadAverage());
      System.out.printf(
          "write-to-delivery latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
          pct(all, 0.50),
          pct(all, 0.90),
          pct(all, 0.99),
          pct(all, 0.999),
          all[all.length - 1] / 1e6);
      System.out.println("metrics: " + cache.metrics());
      subs.forEach(Subscription::close);
      cache.close();
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }

  /** An in-process sink recording write-to-delivery latency; no serialization on its path. */
  static final class Recorder implements EventSink {
    static final AtomicLong lastDelivery = new AtomicLong();
    final long base;
    final long[] writeNanos;
    final long[] latencies;
    final AtomicLong outstanding;
    int count;

    Recorder(long base, long[] writeNanos, int expected, AtomicLong outstanding) {
      this.base = base;
      this.writeNanos = writeNanos;
      this.latencies = new long[expected];
      this.outstanding = outstanding;
    }

    @Override
    public void accept(Event event) {
      if (event.type() == EventType.ERROR) {
        throw new IllegalStateException("subscriber ended: " + event.status());
      }
      long now = System.nanoTime();
      latencies[count++] = now - writeNanos[(int) (event.resourceVersion() - base - 1)];
      if (count == latencies.length) {
        lastDelivery.accumulateAndGet(now, Math::max);
        outstanding.addAndGet(-count);
      }
    }
  }

  static void idle() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Store store = Stores.open("memory:")) {
      for (int i = 0; i < OBJECTS; i++) {
        store.put(Keys.utf8(PODS.key(namespace(i), "pod-" + i)), pod(i, 0));
      }
      WatchCache cache =
          WatchCache.start(store, WatchCacheConfig.builder(PODS, "v1", "Pod").build());
      long before = usedAfterGc(memory);
      List<Subscription> subs = new ArrayList<>(IDLE_SUBSCRIBERS);
      for (int n = 0; n < IDLE_SUBSCRIBERS; n++) {
        subs.add(cache.subscribe(options(n).withBufferEvents(0), event -> {}));
      }
      // Let every subscription thread start and park.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cache.metrics().subscribers() < IDLE_SUBSCRIBERS && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      Thread.sleep(Duration.ofSeconds(1)); // settle: threads park after their first loop
      long after = usedAfterGc(memory);
      System.out.printf(
          "idle subscribers=%d heap before=%.1f MiB after=%.1f MiB -> %d bytes/subscriber; max heap %.0f MiB%n",
          IDLE_SUBSCRIBERS,
          before / 1048576.0,
          after / 1048576.0,
          (after - before) / IDLE_SUBSCRIBERS,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      System.out.println("metrics: " + cache.metrics());
      subs.forEach(Subscription::close);
      cache.close();
    }
  }

  static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

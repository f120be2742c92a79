package dev.keelson.benchmarks.apiserver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ConfigMap workload, the same for every server: {@code objects} ConfigMaps of 10 keys of 100
 * bytes each, created, read and listed by {@code clients} concurrent client threads over the same
 * {@link Http#client()} pool.
 */
final class Workload {
  static final String NAMESPACE = "bench";
  static final int KEYS = 10;
  static final int VALUE_BYTES = 100;

  final int objects;
  final int clients;
  final int getLimit;
  final double phaseSeconds;
  final int listLimit;
  final byte[][] bodies;

  /**
   * CPU time (ns) of a process outside this JVM that serves the requests (the harness's etcd), read
   * at the start and end of each phase; 0 when there is none.
   */
  java.util.function.LongSupplier outsideCpuNanos = () -> 0;

  /** Called just before and just after the timed creates (the etcd run reads /metrics there). */
  Runnable beforeCreates = () -> {};

  Runnable afterCreates = () -> {};

  Workload(int objects, int clients, int getLimit, double phaseSeconds, int listLimit) {
    this.objects = objects;
    this.clients = clients;
    this.getLimit = getLimit;
    this.phaseSeconds = phaseSeconds;
    this.listLimit = listLimit;
    this.bodies = new byte[objects][];
    for (int i = 0; i < objects; i++) {
      bodies[i] = configMap(NAMESPACE, name(i));
    }
  }

  static String name(int i) {
    return String.format("cm-%05d", i);
  }

  /** A ConfigMap of 10 keys of 100 bytes, as JSON. */
  static byte[] configMap(String namespace, String name) {
    StringBuilder s = new StringBuilder(1300);
    s.append("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"")
        .append(name)
        .append("\",\"namespace\":\"")
        .append(namespace)
        .append("\",\"labels\":{\"app\":\"bench\"}},\"data\":{");
    for (int k = 0; k < KEYS; k++) {
      if (k > 0) {
        s.append(',');
      }
      s.append("\"key-").append(k).append("\":\"");
      for (int b = 0; b < VALUE_BYTES; b++) {
        s.append((char) ('a' + (b + k + name.length()) % 26));
      }
      s.append('"');
    }
    return s.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] namespace(String name) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + name
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What one server did. */
  record Result(
      String server,
      String protocol,
      Phase creates,
      Phase gets,
      Phase lists,
      double singleListMillis,
      int listedItems,
      String listEncoding,
      int listWireBytes) {}

  /**
   * One timed phase: operations, wall seconds, per-operation latencies (ms), CPU per operation of
   * the whole process and of the server's threads alone (see {@link ServerCpu}), and of the process
   * outside this JVM that serves the requests (etcd), if any.
   */
  record Phase(
      int ops,
      double seconds,
      double p50,
      double p99,
      double cpuMicrosPerOp,
      double serverCpuMicrosPerOp,
      double outsideCpuMicrosPerOp,
      String cpuByThreads) {
    double perSecond() {
      return ops / seconds;
    }
  }

  /** CPU time of this whole process (server and client threads), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Runs warm-up, then the three timed phases, against {@code server}; client thread {@code t} uses
   * {@code clients[t % clients.length]}.
   */
  Result run(Server server, LoadClient[] pool) throws Exception {
    LoadClient client = pool[0];
    URI base = server.url();
    String protocol =
        client
            .post(base.resolve("/api/v1/namespaces"), namespace(NAMESPACE))
            .expect(201)
            .protocol();
    warmUp(base, pool);
    URI collection = base.resolve("/api/v1/namespaces/" + NAMESPACE + "/configmaps");
    beforeCreates.run();
    Phase creates =
        timed(
            objects,
            Double.MAX_VALUE,
            (t, i) -> pool[t % pool.length].post(collection, bodies[i]).expect(201));
    afterCreates.run();
    Phase gets =
        timed(
            getLimit,
            phaseSeconds,
            (t, i) -> {
              int n = ThreadLocalRandom.current().nextInt(objects);
              pool[t % pool.length].get(URI.create(collection + "/" + name(n))).expect(200);
            });
    // One list first, outside the timing: check that it holds every object.
    LoadClient.Answer first = client.get(collection).expect(200);
    String encoding = first.encoding();
    byte[] firstList = first.inflated();
    int items = countItems(firstList);
    if (items != objects) {
      throw new IllegalStateException(server.name() + " listed " + items + " of " + objects);
    }
    // Every later list (no writes in between) is inflated in full and must be as long.
    long listBytes = firstList.length;
    Op list =
        (t, i) -> {
          long n = pool[t % pool.length].get(collection).expect(200).inflatedLength();
          if (n != listBytes) {
            throw new IOException("a list of " + n + " bytes, the first had " + listBytes);
          }
        };
    double[] single = new double[5];
    for (int k = 0; k < single.length; k++) {
      long t = System.nanoTime();
      list.run(0, k);
      single[k] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(single);
    Phase lists = timed(listLimit, phaseSeconds, list);
    return new Result(
        server.name(),
        protocol,
        creates,
        gets,
        lists,
        single[single.length / 2],
        items,
        encoding,
        first.body().length);
  }

  /**
   * Warms the server's and the client's code up until the JIT has compiled the paths the timed
   * phases take: creates in another namespace ({@code -Dwarmup}, default 60,000, or {@code
   * -DwarmupSeconds}, default 60, whichever ends first; in {@code -DwarmupRounds}, default 2), as
   * many gets, lists, then deletes of what was created, so that the timed phases start from the
   * same stored objects on every server (a server that scans its objects per request is not slowed
   * down by the warm-up's). With the 2,000 creates of earlier runs the JIT was still compiling the
   * create path through the timed creates and took a third of the process's CPU there.
   */
  private void warmUp(URI base, LoadClient[] pool) throws Exception {
    LoadClient client = pool[0];
    String ns = "warmup";
    client.post(base.resolve("/api/v1/namespaces"), namespace(ns)).expect(201);
    URI collection = base.resolve("/api/v1/namespaces/" + ns + "/configmaps");
    int n = Integer.getInteger("warmup", 60_000);
    double seconds = Double.parseDouble(System.getProperty("warmupSeconds", "60"));
    int rounds = Integer.getInteger("warmupRounds", 2);
    int created = 0;
    for (int round = 0; round < rounds; round++) {
      int made =
          timed(
                  n / rounds,
                  seconds / rounds,
                  (t, i) ->
                      pool[t % pool.length].post(collection, configMap(ns, name(i))).expect(201))
              .ops();
      timed(
          made,
          seconds / rounds,
          (t, i) ->
              pool[t % pool.length].get(URI.create(collection + "/" + name(i % made))).expect(200));
      timed(clients, Double.MAX_VALUE, (t, i) -> pool[t % pool.length].get(collection).expect(200));
      timed(
          made,
          Double.MAX_VALUE,
          (t, i) ->
              pool[t % pool.length].delete(URI.create(collection + "/" + name(i))).expect(200));
      created += made;
    }
    System.out.printf("warm-up: %,d creates, gets and deletes%n", created);
  }

  /** Counts {@code "kind":"ConfigMap"}-free items by their names ({@code "name":"cm-}). */
  static int countItems(byte[] list) {
    byte[] marker = "\"name\":\"cm-".getBytes(StandardCharsets.UTF_8);
    int count = 0;
    outer:
    for (int i = 0; i + marker.length <= list.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (list[i + j] != marker[j]) {
          continue outer;
        }
      }
      count++;
    }
    return count;
  }

  /** One operation: client thread {@code t}, operation number {@code i}. */
  interface Op {
    void run(int t, int i) throws IOException;
  }

  /**
   * Runs {@code op(0..limit-1)} on {@code clients} threads until {@code limit} operations are done
   * or {@code maxSeconds} have passed (operations started before then complete).
   */
  Phase timed(int limit, double maxSeconds, Op op) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] latencies = new long[limit];
    java.util.Map<Long, Long> serverStart = ServerCpu.snapshot();
    java.util.Map<String, long[]> groupsStart = ThreadGroupCpu.snapshot();
    long cpuStart = processCpuNanos();
    long outsideStart = outsideCpuNanos.getAsLong();
    long start = System.nanoTime();
    long deadline =
        maxSeconds == Double.MAX_VALUE ? Long.MAX_VALUE : start + (long) (maxSeconds * 1e9);
    Thread[] threads = new Thread[clients];
    for (int t = 0; t < clients; t++) {
      int thread = t;
      threads[t] =
          Thread.ofPlatform()
              .name("client-" + t)
              .start(
                  () -> {
                    int i;
                    while (failure.get() == null
                        && System.nanoTime() < deadline
                        && (i = next.getAndIncrement()) < limit) {
                      long t0 = System.nanoTime();
                      try {
                        op.run(thread, i);
                      } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                      }
                      latencies[i] = System.nanoTime() - t0;
                    }
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = processCpuNanos() - cpuStart;
    long serverCpu = ServerCpu.since(serverStart);
    var groups = ThreadGroupCpu.since(groupsStart);
    long outsideCpu = outsideCpuNanos.getAsLong() - outsideStart;
    if (failure.get() != null) {
      throw new IllegalStateException("operation failed", failure.get());
    }
    int done = Math.min(next.get(), limit);
    long[] l = Arrays.copyOf(latencies, done);
    Arrays.sort(l);
    return new Phase(
        done,
        seconds,
        percentile(l, 0.50),
        percentile(l, 0.99),
        done == 0 ? 0 : cpu / 1e3 / done,
        done == 0 ? 0 : serverCpu / 1e3 / done,
        done == 0 ? 0 : outsideCpu / 1e3 / done,
        ThreadGroupCpu.perOp(groups, done));
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}

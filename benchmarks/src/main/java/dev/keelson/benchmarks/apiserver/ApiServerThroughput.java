package dev.keelson.benchmarks.apiserver;

import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ConfigMap throughput of the API server over HTTPS, a main (one end-to-end run, not JMH).
 *
 * <p>{@code memory}: Keelson's API server on {@code memory:} and fabric8's {@code
 * KubernetesMockServer} in CRUD mode, one after the other in the same JVM, with the same client
 * ({@link Http}) and workload ({@link Workload}): 10,000 ConfigMaps created by 32 client threads,
 * then random gets, then full lists of the 10,000. Each server first gets a warm-up in another
 * namespace (60,000 creates or 60 s of them, in two rounds: as many gets, 32 lists, then deletes of
 * what was created: see {@link Workload}).
 *
 * <p>{@code etcd}: a local etcd; Keelson's API server on it, then the same number of {@code
 * Store.create} calls of the same bodies straight to the store on the same etcd (another key
 * prefix), with the same 32 threads.
 *
 * <p>Knobs: {@code -Dobjects=10000 -Dclients=32 -Dgets=10000 -Dlists=320 -DphaseSeconds=20
 * -Dwarmup=60000 -DwarmupSeconds=60 -DwarmupRounds=2 -Drounds=1 -Dservers=keelson,mock
 * -Dconnections=1} (connections: how many JDK HttpClients the client threads share, round robin;
 * each opens its own connections). {@code -Dtls=false}: both servers on plain HTTP (HTTP/1.1, a
 * connection per client thread) instead of HTTPS. "server CPU/op" counts the server's threads only
 * ({@link ServerCpu}). {@code -DdirectWatch=true} (etcd): the direct creates run under a watch of
 * their keys.
 */
public final class ApiServerThroughput {
  private ApiServerThroughput() {}

  /**
   * The load generator, the same for both servers: {@code jdk} (default: the JDK HttpClient, HTTP/2
   * to Keelson over TLS) or {@code netty} (a lean Netty HTTP/1.1 client, a connection per client
   * thread, for both servers): {@code -Dclient=netty}.
   */
  static final String CLIENT = System.getProperty("client", "jdk");

  /** Whether the servers listen with TLS ({@code -Dtls=false}: plain HTTP). */
  static final boolean TLS = !"false".equals(System.getProperty("tls"));

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "memory";
    Workload w =
        new Workload(
            Integer.getInteger("objects", 10_000),
            Integer.getInteger("clients", 32),
            Integer.getInteger("gets", 10_000),
            Double.parseDouble(System.getProperty("phaseSeconds", "20")),
            Integer.getInteger("lists", 320));
    System.out.printf(
        "objects=%d clients=%d over %s (%s, accept gzip: %s) jvm=%s%n",
        w.objects,
        w.clients,
        CLIENT.equals("netty")
            ? "the lean Netty HTTP/1.1 client (a connection per client thread)"
            : Integer.getInteger("connections", 1) + " JDK HttpClient(s)",
        TLS ? (CLIENT.equals("netty") ? "TLS" : "TLS, HTTP/2 preferred") : "plain HTTP/1.1",
        Http.GZIP,
        Runtime.version());
    System.out.println("load before: " + load());
    switch (mode) {
      case "memory" -> memory(w);
      case "etcd" -> etcd(w);
      default -> throw new IllegalArgumentException("mode: memory | etcd");
    }
    System.out.println("load after: " + load());
    System.exit(0);
  }

  static void memory(Workload w) throws Exception {
    List<String> servers = List.of(System.getProperty("servers", "keelson,mock").split(","));
    int rounds = Integer.getInteger("rounds", 1);
    for (int round = 0; round < rounds; round++) {
      List<Workload.Result> results = new ArrayList<>();
      List<String> order = new ArrayList<>(servers);
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String s : order) {
        try (Server server =
            s.equals("mock") ? Server.mock(TLS, 0) : Server.keelson("memory:", TLS, 0)) {
          LoadClient[] pool = pool(server.url());
          try {
            results.add(w.run(server, pool));
          } finally {
            close(pool);
          }
        }
        System.gc();
      }
      print(results);
      Workload.Result k = find(results, "keelson");
      Workload.Result m = find(results, "fabric8-mock");
      if (k != null && m != null) {
        System.out.printf(
            Locale.ROOT,
            "ratio keelson/mock: creates %.1fx, gets %.1fx, lists %.1fx (list p50 latency:"
                + " mock/keelson %.1fx); server CPU per create: mock/keelson %.1fx%n",
            k.creates().perSecond() / m.creates().perSecond(),
            k.gets().perSecond() / m.gets().perSecond(),
            k.lists().perSecond() / m.lists().perSecond(),
            m.lists().p50() / k.lists().p50(),
            m.creates().serverCpuMicrosPerOp() / k.creates().serverCpuMicrosPerOp());
      }
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong WATCHED =
      new java.util.concurrent.atomic.AtomicLong();

  static void etcd(Workload w) throws Exception {
    try (LocalEtcd etcd = LocalEtcd.start()) {
      System.out.println("etcd at " + etcd.endpoint());
      w.outsideCpuNanos = etcd::cpuNanos;
      Workload.Result k;
      double[][] metrics = new double[2][];
      try (Server server = Server.keelson("etcd://" + etcd.endpoint(), TLS, 0)) {
        LoadClient[] pool = pool(server.url());
        try {
          java.util.Map<String, Double> etcdBefore = new java.util.TreeMap<>();
          w.beforeCreates =
              () -> {
                metrics[0] = createLatencies(pool[0], server.url());
                etcdBefore.putAll(etcdRpcs(etcd.endpoint()));
              };
          w.afterCreates =
              () -> {
                metrics[1] = createLatencies(pool[0], server.url());
                // Every etcd RPC message the timed creates cost, per create (etcd's own counters).
                StringBuilder line = new StringBuilder("etcd RPC messages per create:");
                etcdRpcs(etcd.endpoint())
                    .forEach(
                        (name, after) -> {
                          double per = (after - etcdBefore.getOrDefault(name, 0.0)) / w.objects;
                          if (per >= 0.005) {
                            line.append(String.format(Locale.ROOT, " %s %.2f", name, per));
                          }
                        });
                System.out.println(line);
              };
          k = w.run(server, pool);
        } finally {
          close(pool);
        }
      }
      print(List.of(k));
      System.out.printf(
          Locale.ROOT,
          "etcd's own CPU per API server create: %.0f us%n",
          k.creates().outsideCpuMicrosPerOp());
      if (metrics[0] != null && metrics[1] != null) {
        double n = metrics[1][1] - metrics[0][1];
        double stores = metrics[1][3] - metrics[0][3];
        System.out.printf(
            Locale.ROOT,
            "in the server (its /metrics, timed creates only): %.2f ms mean per create request"
                + " (%.0f), of which %.2f ms mean in the store's create (%.0f); the client saw p50"
                + " %.2f ms%n",
            (metrics[1][0] - metrics[0][0]) * 1e3 / n,
            n,
            (metrics[1][2] - metrics[0][2]) * 1e3 / stores,
            stores,
            k.creates().p50());
      }
      // The store alone: the same bodies (plus the ~150 bytes of metadata the server adds), the
      // same number of threads, Store.create (a put-if-absent transaction, as the server's).
      byte[] pad = new byte[150];
      java.util.Arrays.fill(pad, (byte) ' ');
      try (Store store = Stores.open("etcd://" + etcd.endpoint() + "?prefix=/direct");
          // -DdirectWatch=true: the direct creates run under a watch of their keys, as the API
          // server's watch cache watches its (events counted, not decoded)
          dev.keelson.store.Watch watch =
              Boolean.getBoolean("directWatch")
                  ? store.watch(
                      dev.keelson.store.WatchRequest.prefix("/registry/configmaps/"),
                      events -> WATCHED.addAndGet(events.size()))
                  : null) {
        w.timed(
            Integer.getInteger("warmup", 60_000),
            Double.parseDouble(System.getProperty("warmupSeconds", "60")),
            (t, i) ->
                store.create(
                    ("/warmup/" + i).getBytes(StandardCharsets.UTF_8), w.bodies[i % w.objects]));
        Workload.Phase direct =
            w.timed(
                w.objects,
                Double.MAX_VALUE,
                (t, i) -> {
                  byte[] body = w.bodies[i];
                  byte[] value = java.util.Arrays.copyOf(body, body.length + pad.length);
                  store.create(
                      ("/registry/configmaps/bench/" + Workload.name(i))
                          .getBytes(StandardCharsets.UTF_8),
                      value);
                });
        System.out.printf(
            Locale.ROOT,
            "store direct creates: %,.0f/s (p50 %.2f ms, p99 %.2f ms, %.0f us CPU/op, %.0f us"
                + " non-client threads' CPU/op; etcd's own CPU %.0f us/op)%n",
            direct.perSecond(),
            direct.p50(),
            direct.p99(),
            direct.cpuMicrosPerOp(),
            direct.serverCpuMicrosPerOp(),
            direct.outsideCpuMicrosPerOp());
        if (watch != null) {
          System.out.println("direct creates' watch received " + WATCHED.get() + " events");
        }
        System.out.printf(
            Locale.ROOT,
            "ratio API server creates / store creates: %.2f%n",
            k.creates().perSecond() / direct.perSecond());
      }
    }
  }

  /**
   * From the server's {@code /metrics}: the sum (s) and count of ConfigMap POSTs ({@code
   * apiserver_request_duration_seconds}) and of the store's ConfigMap creates ({@code
   * etcd_request_duration_seconds}), as {sum, count, sum, count}; zeros if absent.
   */
  static double[] createLatencies(LoadClient client, java.net.URI base) {
    double[] v = new double[4];
    try {
      String text =
          new String(
              client.get(base.resolve("/metrics")).expect(200).inflated(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        boolean request =
            line.startsWith("apiserver_request_duration_seconds_")
                && line.contains("verb=\"POST\"")
                && line.contains("resource=\"configmaps\"");
        boolean store =
            line.startsWith("etcd_request_duration_seconds_")
                && line.contains("operation=\"create\"")
                && line.contains("type=\"configmaps\"");
        if (!request && !store) {
          continue;
        }
        int at = store ? 2 : 0;
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        if (line.contains("_sum{")) {
          v[at] += value;
        } else if (line.contains("_count{")) {
          v[at + 1] += value;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      System.out.println("could not read /metrics: " + e);
    }
    return v;
  }

  /**
   * etcd's gRPC message counters ({@code grpc_server_msg_received_total} and {@code
   * grpc_server_msg_sent_total} of its own /metrics) by method: "received Txn" and so on.
   */
  static java.util.Map<String, Double> etcdRpcs(String endpoint) {
    java.util.Map<String, Double> counts = new java.util.TreeMap<>();
    try {
      String text =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + endpoint + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : text.split("\n")) {
        String direction =
            line.startsWith("grpc_server_msg_received_total{")
                ? "received"
                : line.startsWith("grpc_server_msg_sent_total{") ? "sent" : null;
        if (direction == null) {
          continue;
        }
        int m = line.indexOf("grpc_method=\"");
        String method = line.substring(m + 13, line.indexOf('"', m + 13));
        counts.merge(
            direction + " " + method,
            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
            Double::sum);
      }
    } catch (java.io.IOException | RuntimeException e) {
      System.out.println("could not read etcd's /metrics: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }

  /**
   * The load generator for the server at {@code base}: one lean Netty client ({@code
   * -Dclient=netty}), or {@code -Dconnections} JDK clients (default 1: every thread shares one
   * HTTP/2 connection).
   */
  static LoadClient[] pool(java.net.URI base) {
    if (CLIENT.equals("netty")) {
      return new LoadClient[] {new NettyLoadClient(base)};
    }
    LoadClient[] pool = new LoadClient[Integer.getInteger("connections", 1)];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = LoadClient.jdk(TLS);
    }
    return pool;
  }

  static void close(LoadClient[] pool) {
    for (LoadClient c : pool) {
      c.close();
    }
  }

  static Workload.Result find(List<Workload.Result> results, String name) {
    return results.stream().filter(r -> r.server().equals(name)).findFirst().orElse(null);
  }

  static void print(List<Workload.Result> results) {
    for (Workload.Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-13s %-8s creates %,8.0f/s (p50 %.2f p99 %.2f ms, %.0f us CPU/op, server %.0f) | gets %,8.0f/s (p50"
              + " %.2f p99 %.2f ms, %.0f us CPU/op, server %.0f, %d in %.1f s) | lists of %d: %,.1f/s (p50 %.0f p99 %.0f ms under %d clients; %d"
              + " in %.1f s, %.1f ms CPU/op, server %.1f), one client alone %.0f ms; list sent as %s, %,d"
              + " bytes%n",
          r.server(),
          r.protocol(),
          r.creates().perSecond(),
          r.creates().p50(),
          r.creates().p99(),
          r.creates().cpuMicrosPerOp(),
          r.creates().serverCpuMicrosPerOp(),
          r.gets().perSecond(),
          r.gets().p50(),
          r.gets().p99(),
          r.gets().cpuMicrosPerOp(),
          r.gets().serverCpuMicrosPerOp(),
          r.gets().ops(),
          r.gets().seconds(),
          r.listedItems(),
          r.lists().perSecond(),
          r.lists().p50(),
          r.lists().p99(),
          Integer.getInteger("clients", 32),
          r.lists().ops(),
          r.lists().seconds(),
          r.lists().cpuMicrosPerOp() / 1e3,
          r.lists().serverCpuMicrosPerOp() / 1e3,
          r.singleListMillis(),
          r.listEncoding(),
          r.listWireBytes());
      if (!r.creates().cpuByThreads().isEmpty()) {
        System.out.printf(
            "%-13s CPU by threads: creates %s; gets %s%n",
            "", r.creates().cpuByThreads(), r.gets().cpuByThreads());
      }
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}

package dev.keelson.benchmarks.apiserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of the API server against fabric8's {@code KubernetesMockServer}, a main.
 *
 * <p>{@code cold}: launches a fresh JVM ({@code java -cp <this jar> ... serve <server> <port>},
 * default flags) and measures from just before the process starts to the first successful answer of
 * the server's readiness probe: {@code GET /readyz} for Keelson; for the mock, which serves no
 * {@code /readyz}, the first 200 of {@code GET /api/v1/namespaces/default/configmaps}. Keelson and
 * the mock alternate, {@code -Druns=5} each. Each is launched two ways ({@code
 * -Dlaunch=plain,aot}): a plain JVM, and a JVM given an ahead-of-time class cache of its own (JDK
 * 25+ {@code -XX:AOTCache}, trained once per server by a run that starts it, probes it and stops
 * it), as {@code bin/cluster-run} launches the sample cluster; {@code plain-jit} and {@code
 * aot-jit} add {@code bin/cluster-run}'s start-up JIT tuning (see {@link #LAUNCHES}).
 *
 * <p>{@code warm}: in this JVM, a fresh server per iteration (as a test kit starts one per test),
 * from the call that starts it to the first successful probe over a new connection; TLS and plain
 * HTTP, Keelson and the mock; {@code -Dwarmup=20} unmeasured starts, then {@code -Druns=50} ({@code
 * -Dvariants=keelson:tls,fabric8-mock:plain} picks some).
 */
public final class ApiServerStartup {
  private ApiServerStartup() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "warm";
    switch (mode) {
      case "serve" -> serve(args[1], Integer.parseInt(args[2]));
      case "cold" -> cold();
      case "warm" -> warm();
      default -> throw new IllegalArgumentException("mode: cold | warm | serve <server> <port>");
    }
  }

  /** The child of {@code cold}: serves until killed. */
  static void serve(String which, int port) throws InterruptedException {
    System.out.println("phase main " + epochMicros());
    Server s =
        which.equals("mock") ? Server.mock(true, port) : Server.keelson("memory:", true, port);
    System.out.println("phase started " + epochMicros());
    Thread.sleep(Long.MAX_VALUE);
    s.close();
  }

  /**
   * How a server JVM is launched: {@code plain} (default flags), {@code aot} (its own class cache),
   * and each of those with {@code bin/cluster-run}'s start-up JIT tuning ({@code plain-jit}, {@code
   * aot-jit}: {@link #START_UP_JIT}, and with a cache, no replay of its training profiles), given
   * to both servers alike.
   */
  static final List<String> LAUNCHES = List.of("plain", "aot", "plain-jit", "aot-jit");

  /**
   * {@code bin/cluster-run}'s start-up tuning: every compile threshold 5x the JVM's (C1 after about
   * 1,000 calls instead of 200, C2 after 25,000 instead of 5,000), so the compilers take less of
   * the two cores from the start-up itself, and transparent huge pages for the heap where the
   * kernel offers them (fewer page faults). {@code -Djit="..."} replaces it (space-separated
   * flags), to compare tunings in one run; the launch adds {@code -XX:-AOTReplayTraining} with a
   * cache either way.
   */
  static final List<String> START_UP_JIT = startUpTuning();

  private static List<String> startUpTuning() {
    String given = System.getProperty("jit");
    if (given != null) {
      return List.of(given.trim().split("\\s+"));
    }
    List<String> flags = new ArrayList<>(List.of("-XX:CompileThresholdScaling=5"));
    try {
      String thp = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
      if (thp.contains("[madvise]") || thp.contains("[always]")) {
        flags.add("-XX:+UseTransparentHugePages");
      }
    } catch (IOException e) {
      // no transparent huge pages here
    }
    return List.copyOf(flags);
  }

  static String probe(String which) {
    return which.equals("mock") ? "/api/v1/namespaces/default/configmaps" : "/readyz";
  }

  static void cold() throws Exception {
    int runs = Integer.getInteger("runs", 5);
    List<String> launches = List.of(System.getProperty("launch", "plain,aot").split(","));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    HttpClient client = Http.client();
    System.out.println("load before: " + ApiServerThroughput.load());
    Map<String, List<String>> flags = new LinkedHashMap<>();
    Map<String, List<String>> caches = new LinkedHashMap<>();
    for (String launch : launches) {
      if (!LAUNCHES.contains(launch)) {
        throw new IllegalArgumentException("launch: one of " + LAUNCHES + ", not " + launch);
      }
      for (String which : List.of("keelson", "mock")) {
        List<String> f = new ArrayList<>();
        if (launch.startsWith("aot")) {
          if (!caches.containsKey(which)) {
            caches.put(which, trainAotCache(java, classpath, which));
          }
          if (caches.get(which) == null) {
            continue;
          }
          f.addAll(caches.get(which));
        }
        if (launch.endsWith("jit")) {
          f.addAll(START_UP_JIT);
          if (launch.startsWith("aot")) {
            f.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"));
          }
        }
        flags.put(launch + " " + which, f);
      }
    }
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    for (int r = 0; r < runs; r++) {
      for (String launch : launches) {
        for (String which : r % 2 == 0 ? List.of("keelson", "mock") : List.of("mock", "keelson")) {
          String key = launch + " " + which;
          if (!flags.containsKey(key)) {
            continue;
          }
          double[] m = coldStart(java, classpath, flags.get(key), which, client);
          ms.computeIfAbsent(key, k -> new ArrayList<>()).add(m[0]);
          cpu.computeIfAbsent(key, k -> new ArrayList<>()).add(m[1]);
          System.out.printf(
              Locale.ROOT,
              "cold %-13s %.0f ms (the server JVM used %.0f ms CPU): launch to main %.0f ms,"
                  + " main to started %.0f ms, started to the first 200 %.0f ms%n",
              key,
              m[0],
              m[1],
              m[2],
              m[3],
              m[4]);
        }
      }
    }
    System.out.println("load after: " + ApiServerThroughput.load());
    for (String launch : launches) {
      String k = launch + " keelson";
      String mk = launch + " mock";
      if (!ms.containsKey(k) || !ms.containsKey(mk)) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "cold JVM to ready (%s launch), median of %d: keelson %.0f ms (/readyz), fabric8-mock"
              + " %.0f ms (first list); ratio mock/keelson %.2f; CPU of the server JVM to ready:"
              + " keelson %.0f ms, fabric8-mock %.0f ms%n",
          launch,
          runs,
          median(ms.get(k)),
          median(ms.get(mk)),
          median(ms.get(mk)) / median(ms.get(k)),
          median(cpu.get(k)),
          median(cpu.get(mk)));
    }
  }

  /** Launches {@code serve which} in a new JVM: ms to the first 200 and the JVM's CPU ms. */
  private static double[] coldStart(
      String java, String classpath, List<String> flags, String which, HttpClient client)
      throws Exception {
    int port = freePort();
    URI uri = URI.create("https://127.0.0.1:" + port + probe(which));
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            ApiServerStartup.class.getName(),
            "serve",
            which,
            Integer.toString(port)));
    long launched = epochMicros();
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<String, Long> phases = new ConcurrentHashMap<>();
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (var in =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                      String[] w = line.split(" ");
                      if (w.length == 3 && w[0].equals("phase")) {
                        phases.put(w[1], Long.parseLong(w[2]));
                      }
                    }
                  } catch (IOException | RuntimeException e) {
                    // the child ended; the phases read so far are kept
                  }
                });
    try {
      awaitReady(client, uri, p);
      long ready = epochMicros();
      double ms = (System.nanoTime() - start) / 1e6;
      double cpuMs =
          p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
      // The reader runs until the child ends: give it 100 ms to have read the two lines, which
      // the child printed before it answered.
      reader.join(100);
      Long main = phases.get("main");
      Long started = phases.get("started");
      if (main == null || started == null) {
        return new double[] {ms, cpuMs, Double.NaN, Double.NaN, Double.NaN};
      }
      return new double[] {
        ms, cpuMs, (main - launched) / 1e3, (started - main) / 1e3, (ready - started) / 1e3
      };
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /**
   * The JDK's ahead-of-time class cache for {@code serve which} (JDK 25+, JEP 483 and 514), made by
   * one training run: the server starts, answers its probe 20 times, and is stopped with SIGTERM,
   * when the JVM writes the cache. Returns the flags that load it, or {@code null} (with a message)
   * if this JDK cannot make one. The same way as {@code bin/cluster-run} launches the sample
   * cluster.
   */
  private static List<String> trainAotCache(String java, String classpath, String which)
      throws Exception {
    if (Runtime.version().feature() < 25) {
      System.out.println("aot: needs JDK 25+ (-XX:AOTCache); skipped for " + which);
      return null;
    }
    Path dir = Files.createTempDirectory("apiserver-startup-aot");
    Path cache = dir.resolve(which + ".aot");
    dir.toFile().deleteOnExit(); // registered first, so deleted after the cache in it
    cache.toFile().deleteOnExit();
    int port = freePort();
    URI uri = URI.create("https://127.0.0.1:" + port + probe(which));
    Process p =
        new ProcessBuilder(
                java,
                "-XX:AOTCacheOutput=" + cache,
                "-Xlog:aot=off",
                "-Xlog:cds=off",
                "-cp",
                classpath,
                ApiServerStartup.class.getName(),
                "serve",
                which,
                Integer.toString(port))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long t0 = System.nanoTime();
    try {
      awaitReady(client(), uri, p);
      for (int i = 0; i < 20; i++) {
        Http.get(client(), uri);
      }
    } finally {
      p.destroy(); // SIGTERM: the JVM exits normally and writes the cache
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (!Files.isRegularFile(cache)) {
      System.out.println("aot: training wrote no cache for " + which + "; skipped");
      return null;
    }
    System.out.printf(
        Locale.ROOT,
        "aot: trained %s in %.1f s, cache %d MB: %s%n",
        which,
        (System.nanoTime() - t0) / 1e9,
        Files.size(cache) >> 20,
        cache);
    return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
  }

  /** Wall-clock microseconds, comparable between this JVM and the servers it launches. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static HttpClient trainingClient;

  private static synchronized HttpClient client() {
    if (trainingClient == null) {
      trainingClient = Http.client();
    }
    return trainingClient;
  }

  /**
   * Polls every 2 ms: first with bare TCP connects until the port accepts (a refused loopback
   * connect costs microseconds, where a failed HTTP request costs the client's exception machinery,
   * CPU that the starting server would miss on two cores), then with the probe over HTTP until it
   * answers 200.
   */
  private static void awaitReady(HttpClient client, URI uri, Process p) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
    poll(
        () -> {
          try (Socket s = new Socket()) {
            s.connect(address, 1000);
            return true;
          }
        },
        p,
        deadline,
        "not listening after 60 s: " + uri);
    poll(
        () -> Http.get(client, uri).statusCode() == 200,
        p,
        deadline,
        "not ready after 60 s: " + uri);
  }

  /** A check that may fail with an I/O error while the server starts. */
  private interface Check {
    boolean passes() throws IOException, InterruptedException;
  }

  /** Runs {@code check} every 2 ms until it passes; fails if {@code p} exits or at the deadline. */
  private static void poll(Check check, Process p, long deadline, String late)
      throws InterruptedException {
    while (true) {
      try {
        if (check.passes()) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (p != null && !p.isAlive()) {
        throw new IllegalStateException("server exited with " + p.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(late);
      }
      Thread.sleep(2);
    }
  }

  static void warm() throws Exception {
    int warmup = Integer.getInteger("warmup", 20);
    int runs = Integer.getInteger("runs", 50);
    HttpClient client = Http.client();
    System.out.println("load before: " + ApiServerThroughput.load());
    String[][] variants = {
      {"keelson", "tls"}, {"fabric8-mock", "tls"}, {"keelson", "plain"}, {"fabric8-mock", "plain"}
    };
    String only = System.getProperty("variants", "");
    for (String[] v : variants) {
      if (!only.isEmpty() && !only.contains(v[0] + ":" + v[1])) {
        continue;
      }
      boolean mock = v[0].startsWith("fabric8");
      boolean tls = v[1].equals("tls");
      double[] startMs = new double[runs];
      double[] readyMs = new double[runs];
      double[] cpuMs = new double[runs];
      long measuredCpu0 = 0;
      for (int i = -warmup; i < runs; i++) {
        if (i == 0) {
          measuredCpu0 = Workload.processCpuNanos();
        }
        long c0 = Workload.processCpuNanos();
        long t0 = System.nanoTime();
        Server s = mock ? Server.mock(tls, 0) : Server.keelson("memory:", tls, 0);
        long t1 = System.nanoTime();
        try {
          awaitReady(client, s.url().resolve(probe(mock ? "mock" : "keelson")), null);
          long t2 = System.nanoTime();
          long c2 = Workload.processCpuNanos();
          if (i >= 0) {
            cpuMs[i] = (c2 - c0) / 1e6;
            startMs[i] = (t1 - t0) / 1e6;
            readyMs[i] = (t2 - t0) / 1e6;
          }
        } finally {
          s.close();
        }
      }
      double meanCpuMs = (Workload.processCpuNanos() - measuredCpu0) / 1e6 / runs;
      Arrays.sort(startMs);
      Arrays.sort(readyMs);
      Arrays.sort(cpuMs);
      System.out.printf(
          Locale.ROOT,
          "warm %-12s %-5s start-to-ready median %.1f ms (p90 %.1f, min %.1f); of which start()"
              + " returned after %.1f ms (median); process CPU (server, client, JIT, GC) median"
              + " %.1f ms, mean per start and close %.1f ms%n",
          v[0],
          v[1],
          readyMs[runs / 2],
          readyMs[(int) (runs * 0.9)],
          readyMs[0],
          startMs[runs / 2],
          cpuMs[runs / 2],
          meanCpuMs);
    }
    System.out.println("load after: " + ApiServerThroughput.load());
    System.exit(0);
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? Double.NaN : a[a.length / 2];
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

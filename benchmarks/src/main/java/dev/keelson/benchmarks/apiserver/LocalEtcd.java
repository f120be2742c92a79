package dev.keelson.benchmarks.apiserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A single-member etcd ({@code /usr/bin/etcd}) on free loopback ports in a temporary directory. */
final class LocalEtcd implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final String endpoint;

  private LocalEtcd(Process process, Path dir, String endpoint) {
    this.process = process;
    this.dir = dir;
    this.endpoint = endpoint;
  }

  static LocalEtcd start() throws IOException, InterruptedException {
    String binary = System.getenv().getOrDefault("KEELSON_ETCD_BINARY", "/usr/bin/etcd");
    if (!Files.isExecutable(Path.of(binary))) {
      throw new IllegalStateException("etcd not installed: " + binary);
    }
    Path dir = Files.createTempDirectory("keelson-apibench-etcd");
    int client = freePort();
    int peer = freePort();
    String endpoint = "127.0.0.1:" + client;
    Process p =
        new ProcessBuilder(
                binary,
                "--name=bench",
                "--data-dir=" + dir.resolve("data"),
                "--listen-client-urls=http://" + endpoint,
                "--advertise-client-urls=http://" + endpoint,
                "--listen-peer-urls=http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls=http://127.0.0.1:" + peer,
                "--initial-cluster=bench=http://127.0.0.1:" + peer,
                "--quota-backend-bytes=8589934592")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("etcd.log").toFile())
            .start();
    LocalEtcd etcd = new LocalEtcd(p, dir, endpoint);
    Runtime.getRuntime().addShutdownHook(new Thread(etcd::close));
    long deadline = System.nanoTime() + 60_000_000_000L;
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + endpoint + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("true")) {
          return etcd;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline || !p.isAlive()) {
        etcd.close();
        throw new IllegalStateException("etcd did not start; see " + dir.resolve("etcd.log"));
      }
      Thread.sleep(50);
    }
  }

  /**
   * CPU time (user + system) the etcd process has used, in nanoseconds, from {@code
   * /proc/<pid>/stat} (10 ms clock ticks); 0 where there is no such file.
   */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {@code 127.0.0.1:port}. */
  String endpoint() {
    return endpoint;
  }

  @Override
  public synchronized void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (IOException | InterruptedException e) {
      // best effort
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

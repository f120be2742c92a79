package dev.keelson.benchmarks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One local etcd for a whole JMH run: the first benchmark fork starts it on free loopback ports
 * with a temporary data directory, later forks of the same run find it again, so every benchmark of
 * the run measures against the same etcd. A small shell watchdog kills etcd and deletes its
 * directory when the JMH host process exits.
 *
 * <p>The binary is {@code /usr/bin/etcd} unless {@code KEELSON_ETCD_BINARY} names another.
 */
final class BenchmarkEtcd {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private BenchmarkEtcd() {}

  /** The endpoint ({@code 127.0.0.1:port}) of this run's etcd, started if need be. */
  static synchronized String endpoint() {
    try {
      long host = jmhHostPid();
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "keelson-bench-etcd-" + host);
      Path endpointFile = dir.resolve("endpoint");
      if (Files.exists(endpointFile)) {
        String endpoint = Files.readString(endpointFile).strip();
        if (healthy(endpoint)) {
          return endpoint;
        }
      }
      Files.createDirectories(dir);
      int client = freePort();
      int peer = freePort();
      String endpoint = "127.0.0.1:" + client;
      String etcd = System.getenv().getOrDefault("KEELSON_ETCD_BINARY", "/usr/bin/etcd");
      if (!Files.isExecutable(Path.of(etcd))) {
        throw new IllegalStateException(
            "etcd not installed: " + etcd + " (install the Debian package etcd-server)");
      }
      String command =
          String.join(
              " ",
              etcd,
              "--name bench",
              "--data-dir " + dir.resolve("data"),
              "--listen-client-urls http://" + endpoint,
              "--advertise-client-urls http://" + endpoint,
              "--listen-peer-urls http://127.0.0.1:" + peer,
              "--initial-advertise-peer-urls http://127.0.0.1:" + peer,
              "--initial-cluster bench=http://127.0.0.1:" + peer,
              "> " + dir.resolve("etcd.log") + " 2>&1 &");
      String script =
          command
              + "\ne=$!\n"
              + "while kill -0 "
              + host
              + " 2>/dev/null && kill -0 $e 2>/dev/null; do sleep 1; done\n"
              + "kill -9 $e 2>/dev/null; wait $e 2>/dev/null; rm -rf "
              + dir
              + "\n";
      new ProcessBuilder("/bin/sh", "-c", script)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!healthy(endpoint)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "etcd did not become healthy; see " + dir.resolve("etcd.log"));
        }
        Thread.sleep(50);
      }
      Files.writeString(endpointFile, endpoint);
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JMH host JVM: the parent of a forked benchmark JVM, else this JVM. */
  private static long jmhHostPid() {
    String command = System.getProperty("sun.java.command", "");
    ProcessHandle self = ProcessHandle.current();
    if (command.contains("ForkedMain")) {
      return self.parent().map(ProcessHandle::pid).orElse(self.pid());
    }
    return self.pid();
  }

  private static boolean healthy(String endpoint) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + endpoint + "/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

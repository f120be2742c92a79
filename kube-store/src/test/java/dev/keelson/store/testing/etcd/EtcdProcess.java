package dev.keelson.store.testing.etcd;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One etcd member process of an {@link EtcdCluster}: its name, loopback ports, data directory and
 * log file. A member can be killed (SIGKILL, no clean shutdown) and started again on the same data
 * directory and ports.
 *
 * <p>Not thread-safe: a test drives its members from one thread.
 */
public final class EtcdProcess {
  private final Path binary;
  private final String name;
  private final int clientPort;
  private final int peerPort;
  private final Path dataDir;
  private final Path logFile;
  private final String initialCluster;
  private Process process;
  private boolean startedOnce;

  EtcdProcess(
      Path binary, String name, int clientPort, int peerPort, Path baseDir, String initialCluster) {
    this.binary = binary;
    this.name = name;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.dataDir = baseDir.resolve(name + ".etcd");
    this.logFile = baseDir.resolve(name + ".log");
    this.initialCluster = initialCluster;
  }

  /** The member name, as passed to {@code --name}. */
  public String name() {
    return name;
  }

  /** The client URL, {@code http://127.0.0.1:<port>}. */
  public URI clientUrl() {
    return URI.create("http://127.0.0.1:" + clientPort);
  }

  /** The client endpoint as {@code 127.0.0.1:<port>}, the form {@code etcd://} URIs use. */
  public String endpoint() {
    return "127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  /** The peer URL, {@code http://127.0.0.1:<port>}. */
  public URI peerUrl() {
    return URI.create("http://127.0.0.1:" + peerPort);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The file that receives the member's stdout and stderr. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the process is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating-system process id; fails if the member is not running. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  /**
   * Starts the process (or starts it again after {@link #kill()}, on the same data directory; etcd
   * then rejoins from its write-ahead log and ignores the initial-cluster flags). Does not wait for
   * health; {@link EtcdCluster} does.
   */
  public void start() throws IOException {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--name",
            name,
            "--data-dir",
            dataDir.toString(),
            "--listen-client-urls",
            clientUrl().toString(),
            "--advertise-client-urls",
            clientUrl().toString(),
            "--listen-peer-urls",
            peerUrl().toString(),
            "--initial-advertise-peer-urls",
            peerUrl().toString(),
            "--initial-cluster",
            initialCluster,
            "--initial-cluster-state",
            startedOnce ? "existing" : "new",
            "--initial-cluster-token",
            "keelson-test"));
    Files.createDirectories(logFile.getParent());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    startedOnce = true;
  }

  /**
   * Kills the process with SIGKILL (no graceful shutdown, like a crashed machine) and waits for it
   * to exit.
   */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  /** The last lines of the member's log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public String toString() {
    return name + "@" + endpoint();
  }
}

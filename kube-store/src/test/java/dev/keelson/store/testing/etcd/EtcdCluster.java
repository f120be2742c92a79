package dev.keelson.store.testing.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real etcd for tests: a cluster of one or more members, each an {@link EtcdProcess} listening on
 * free loopback ports with its own temporary data directory.
 *
 * <pre>{@code
 * Optional<String> reason = EtcdCluster.unavailabilityReason();
 * assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
 * try (EtcdCluster etcd = EtcdCluster.start(3)) {
 *   String uri = etcd.storeUri("/test");    // etcd://127.0.0.1:p0,...?prefix=/test
 *   etcd.leader(Duration.ofSeconds(10)).kill();
 *   etcd.awaitLeader(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>The binary is {@code /usr/bin/etcd}, or the one named by the system property {@code
 * keelson.etcd.binary} or the environment variable {@code KEELSON_ETCD_BINARY}. {@link #start}
 * returns once every member reports healthy (which, for etcd, means the cluster has a leader).
 * {@link #close()} kills every member and deletes the data directories. Starting retries with fresh
 * ports if a port picked as free was taken in the meantime.
 */
public final class EtcdCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Path baseDir;
  private final List<EtcdProcess> members;
  private final HttpClient http;
  private Client statusClient;

  private EtcdCluster(Path baseDir, List<EtcdProcess> members) {
    this.baseDir = baseDir;
    this.members = List.copyOf(members);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The etcd binary the harness runs. */
  public static Path binary() {
    String configured = System.getProperty("keelson.etcd.binary");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("KEELSON_ETCD_BINARY");
    }
    return Path.of(configured == null || configured.isBlank() ? "/usr/bin/etcd" : configured);
  }

  /**
   * Why real etcd cannot run here (the binary is missing or not executable), or empty if it can.
   * Tests turn this into a visible skip, e.g. {@code assumeTrue(reason.isEmpty(), "etcd not
   * installed: " + reason)}; they never pass silently.
   */
  public static Optional<String> unavailabilityReason() {
    Path binary = binary();
    if (!Files.isRegularFile(binary)) {
      return Optional.of(
          binary
              + " does not exist (install the Debian package etcd-server, or set "
              + "KEELSON_ETCD_BINARY)");
    }
    if (!Files.isExecutable(binary)) {
      return Optional.of(binary + " is not executable");
    }
    return Optional.empty();
  }

  /** Starts a cluster of {@code size} members and waits until all are healthy. */
  public static EtcdCluster start(int size) throws IOException {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    unavailabilityReason()
        .ifPresent(
            reason -> {
              throw new IllegalStateException("etcd not installed: " + reason);
            });
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path baseDir = Files.createTempDirectory("keelson-etcd-");
      List<Integer> ports = freePorts(2 * size);
      List<EtcdProcess> members = new ArrayList<>();
      String initialCluster =
          Stream.iterate(0, i -> i + 1)
              .limit(size)
              .map(i -> "m" + i + "=http://127.0.0.1:" + ports.get(2 * i + 1))
              .collect(Collectors.joining(","));
      for (int i = 0; i < size; i++) {
        members.add(
            new EtcdProcess(
                binary(),
                "m" + i,
                ports.get(2 * i),
                ports.get(2 * i + 1),
                baseDir,
                initialCluster));
      }
      EtcdCluster cluster = new EtcdCluster(baseDir, members);
      try {
        for (EtcdProcess member : members) {
          member.start();
        }
        cluster.awaitHealthy(START_TIMEOUT);
        return cluster;
      } catch (IOException | RuntimeException e) {
        String logs =
            members.stream()
                .map(m -> "--- " + m + " ---\n" + m.logTail(20))
                .collect(Collectors.joining("\n"));
        cluster.close();
        last = new IOException("etcd failed to start (attempt " + attempt + ")\n" + logs, e);
        if (!logs.contains("address already in use")) {
          break;
        }
      }
    }
    throw last;
  }

  /** All members, in start order ({@code m0}, {@code m1}, ...), whether running or not. */
  public List<EtcdProcess> members() {
    return members;
  }

  /** The running members. */
  public List<EtcdProcess> aliveMembers() {
    return members.stream().filter(EtcdProcess::isAlive).toList();
  }

  /** Every member's endpoint, comma-separated: {@code 127.0.0.1:p1,127.0.0.1:p2}. */
  public String endpoints() {
    return members.stream().map(EtcdProcess::endpoint).collect(Collectors.joining(","));
  }

  /** An {@code etcd://} store URI for this cluster with the given key prefix. */
  public String storeUri(String prefix) {
    return "etcd://" + endpoints() + "?prefix=" + prefix;
  }

  /**
   * Waits until every running member answers {@code /health} with {@code "health":"true"}, which
   * etcd only does once the cluster has a leader.
   */
  public void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    for (EtcdProcess member : aliveMembers()) {
      while (!isHealthy(member)) {
        if (!member.isAlive()) {
          throw new IllegalStateException(member + " exited:\n" + member.logTail(30));
        }
        checkDeadline(deadline, member + " not healthy within " + timeout);
        pause();
      }
    }
  }

  /** Whether the member answers {@code /health} positively right now. */
  public boolean isHealthy(EtcdProcess member) {
    if (!member.isAlive()) {
      return false;
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(member.clientUrl().resolve("/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The current leader, found through the maintenance status API (the member whose own id equals
   * the leader id it reports). Waits, up to {@code timeout}, for a running member to be the leader
   * and be acknowledged as such by every other running member.
   */
  public EtcdProcess leader(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<EtcdProcess> leader = currentLeader();
      if (leader.isPresent()) {
        return leader.get();
      }
      checkDeadline(deadline, "no leader within " + timeout);
      pause();
    }
  }

  /** Waits until the running members agree on a running leader; returns it. */
  public EtcdProcess awaitLeader(Duration timeout) {
    return leader(timeout);
  }

  private Optional<EtcdProcess> currentLeader() {
    Long agreedLeader = null;
    EtcdProcess leader = null;
    for (EtcdProcess member : aliveMembers()) {
      StatusResponse status;
      try {
        status =
            statusClient()
                .getMaintenanceClient()
                .statusMember(member.clientUrl().toString())
                .get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (Exception e) {
        return Optional.empty();
      }
      if (status.getLeader() == 0 || (agreedLeader != null && agreedLeader != status.getLeader())) {
        return Optional.empty();
      }
      agreedLeader = status.getLeader();
      if (status.getHeader().getMemberId() == status.getLeader()) {
        leader = member;
      }
    }
    return Optional.ofNullable(leader);
  }

  private synchronized Client statusClient() {
    if (statusClient == null) {
      statusClient =
          Client.builder()
              .endpoints(members.stream().map(EtcdProcess::clientUrl).toList())
              .connectTimeout(Duration.ofSeconds(2))
              .build();
    }
    return statusClient;
  }

  /** Kills every member, deletes the data directories and log files. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (statusClient != null) {
        statusClient.close();
        statusClient = null;
      }
    }
    RuntimeException failure = null;
    for (EtcdProcess member : members) {
      try {
        member.kill();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    deleteRecursively(baseDir);
    if (failure != null) {
      throw failure;
    }
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  private static void checkDeadline(Instant deadline, String message) {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(message);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package dev.keelson.node.cri.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real containerd (Debian's package, its CRI plugin and runc) for tests: its own config, root,
 * state, socket, CNI configuration (bridge + host-local + loopback on a test subnet) and pod log
 * directory in a temp dir; the sandbox image and a busybox image are built from the host's
 * busybox-static and imported with {@code ctr}. {@link #close} kills what it started, removes
 * leftover tasks and containers, unmounts, deletes the bridge and the temp dir.
 *
 * <pre>{@code
 * Assumptions.assumeTrue(Containerd.unavailabilityReason().isEmpty(), ...);
 * try (Containerd containerd = Containerd.start()) {
 *   ContainerRuntime cri = CriRuntime.connect(CriOptions.of(containerd.endpoint()));
 * }
 * }</pre>
 */
public final class Containerd implements AutoCloseable {
  /** The namespace the CRI plugin keeps its containers and images in. */
  public static final String NAMESPACE = "k8s.io";

  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final Path socket;
  private final String bridge;
  private final String subnet;
  private final Process process;
  private final String netns;

  private Containerd(Path dir, String bridge, String subnet, Process process, String netns) {
    this.netns = netns;
    this.dir = dir;
    this.socket = dir.resolve("containerd.sock");
    this.bridge = bridge;
    this.subnet = subnet;
    this.process = process;
  }

  /**
   * Why a real containerd cannot run here (not root, no containerd, runc, ctr, busybox or CNI
   * plugins), or empty if it can.
   */
  public static Optional<String> unavailabilityReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of(
          "containerd needs root (running as " + System.getProperty("user.name") + ")");
    }
    for (String tool : List.of("containerd", "ctr", "runc")) {
      if (which(tool).isEmpty()) {
        return Optional.of(tool + " is not installed (Debian: apt-get install containerd runc)");
      }
    }
    if (!Files.isExecutable(BUSYBOX)) {
      return Optional.of("no static busybox at " + BUSYBOX + " (apt-get install busybox-static)");
    }
    for (String plugin : List.of("bridge", "host-local", "loopback")) {
      if (!Files.isExecutable(Path.of("/usr/lib/cni", plugin))) {
        return Optional.of(
            "no CNI plugin /usr/lib/cni/" + plugin + " (containernetworking-plugins)");
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> which(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      for (String dir : List.of(d, "/usr/sbin", "/sbin")) {
        Path p = Path.of(dir, tool);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a containerd in a new temp dir and imports the test images. */
  public static Containerd start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * Starts a containerd inside network namespace {@code netns} (null: this process's), so that its
   * CNI bridge and pod interfaces live there; its socket is reachable from any namespace.
   */
  public static Containerd start(String netns) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("keelson-ctrd");
    int n = ThreadLocalRandom.current().nextInt(256);
    String bridge = "kcri" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    String subnet = "10.98." + n + ".0/24";
    Files.createDirectories(dir.resolve("cni"));
    Files.createDirectories(dir.resolve("pod-logs"));
    Files.writeString(dir.resolve("cni/10-keelson.conflist"), conflist(bridge, subnet, dir));
    Files.writeString(dir.resolve("config.toml"), config(dir));
    Process p =
        new ProcessBuilder(
                inNetns(
                    netns,
                    List.of("containerd", "--config", dir.resolve("config.toml").toString())))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("containerd.log").toFile())
            .start();
    Containerd c = new Containerd(dir, bridge, subnet, p, netns);
    try {
      c.awaitSocket();
      Path image = dir.resolve("images.tar");
      BusyboxImage.write(BUSYBOX, image);
      c.ctr("images", "import", image.toString());
      Files.delete(image);
    } catch (IOException | RuntimeException | InterruptedException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static String conflist(String bridge, String subnet, Path dir) {
    return """
        {
          "cniVersion": "1.0.0",
          "name": "keelson-test",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "%s"
              }
            },
            {"type": "loopback"}
          ]
        }
        """
        .formatted(bridge, subnet, dir.resolve("ipam"));
  }

  private static String config(Path dir) {
    return """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", \
        "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]

        [grpc]
          address = "%1$s/containerd.sock"

        [ttrpc]
          address = "%1$s/containerd.sock.ttrpc"

        [debug]
          address = ""

        [metrics]
          address = ""

        [plugins."io.containerd.internal.v1.opt"]
          path = "%1$s/opt"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%2$s"
          # Keep containers' oom_score_adj at or above containerd's own: lowering it (the sandbox
          # asks for -998) needs CAP_SYS_RESOURCE, which sandboxed CI machines often lack; runc then
          # fails with "can't get final child's PID from pipe: EOF".
          restrict_oom_score_adj = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"

        [plugins."io.containerd.grpc.v1.cri".containerd]
          snapshotter = "overlayfs"

        [plugins."io.containerd.grpc.v1.cri".cni]
          bin_dir = "/usr/lib/cni"
          conf_dir = "%1$s/cni"
        """
        .formatted(dir, BusyboxImage.PAUSE);
  }

  private void awaitSocket() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("containerd exited at start: " + logTail());
      }
      if (Files.exists(socket)) {
        try {
          ctr("version");
          return;
        } catch (IOException e) {
          // not serving yet
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("containerd did not serve " + socket + " in " + START_TIMEOUT);
  }

  /** The last lines of containerd's log (for failure messages). */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("containerd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The CRI endpoint, {@code unix://<tmp>/containerd.sock}. */
  public String endpoint() {
    return "unix://" + socket;
  }

  /** The socket's path. */
  public Path socket() {
    return socket;
  }

  /** The temp dir holding everything of this containerd. */
  public Path directory() {
    return dir;
  }

  /** A directory for pod logs (kubelet's {@code /var/log/pods}) inside the temp dir. */
  public Path podLogsDirectory() {
    return dir.resolve("pod-logs");
  }

  /** The pod subnet of the CNI bridge network. */
  public String subnet() {
    return subnet;
  }

  /** The CNI bridge's name. */
  public String bridge() {
    return bridge;
  }

  /** The ids of containers in the k8s.io namespace ({@code ctr containers ls -q}). */
  public List<String> containers() throws IOException, InterruptedException {
    return lines(ctr("containers", "ls", "-q"));
  }

  /** The ids of tasks in the k8s.io namespace ({@code ctr tasks ls}, header dropped). */
  public List<String> tasks() throws IOException, InterruptedException {
    List<String> rows = lines(ctr("tasks", "ls"));
    List<String> ids = new ArrayList<>();
    for (String r : rows.subList(Math.min(1, rows.size()), rows.size())) {
      ids.add(r.trim().split("\\s+")[0]);
    }
    return ids;
  }

  private static List<String> lines(String s) {
    return s.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * Runs {@code ctr --address <socket> -n k8s.io args...} and answers its output.
   *
   * @throws IOException when it fails
   */
  public String ctr(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ctr", "--address", socket.toString()));
    cmd.addAll(List.of("-n", NAMESPACE));
    cmd.addAll(List.of(args));
    return run(cmd, Duration.ofSeconds(60));
  }

  private static String run(List<String> cmd, Duration timeout)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out;
    try (var in = p.getInputStream()) {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " timed out");
      }
      out = in.readAllBytes();
    }
    String s = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + s);
    }
    return s;
  }

  private static void quietly(List<String> cmd) {
    try {
      run(cmd, Duration.ofSeconds(30));
    } catch (IOException | InterruptedException e) {
      // best effort clean-up
    }
  }

  /**
   * Kills leftover tasks, removes leftover containers, stops containerd and its shims, unmounts
   * what it mounted, deletes the CNI bridge and the temp dir.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        for (String t : tasks()) {
          quietly(ctrCmd("tasks", "kill", "-s", "SIGKILL", t));
          quietly(ctrCmd("tasks", "delete", "-f", t));
        }
        for (String c : containers()) {
          quietly(ctrCmd("containers", "delete", c));
        }
      } catch (IOException | InterruptedException e) {
        // containerd not answering: the process kill below still cleans up
      }
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    killShims();
    deleteSandboxNetns();
    unmountUnder(dir);
    quietly(inNetns(netns, List.of("ip", "link", "delete", bridge)));
    deleteTree(dir);
  }

  /**
   * Deletes the network namespaces this containerd made for pod sandboxes ({@code
   * /run/netns/cni-<id>}, named in its metadata database), which outlive it when pods were not
   * removed before it stopped.
   */
  private void deleteSandboxNetns() {
    Path runNetns = Path.of("/run/netns");
    if (!Files.isDirectory(runNetns)) {
      return;
    }
    String meta;
    try (Stream<Path> files = Files.walk(dir.resolve("root"))) {
      StringBuilder b = new StringBuilder();
      for (Path f : files.filter(x -> x.toString().endsWith(".db")).toList()) {
        b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
      meta = b.toString();
    } catch (IOException e) {
      return;
    }
    try (Stream<Path> entries = Files.list(runNetns)) {
      for (Path ns : entries.toList()) {
        String name = ns.getFileName().toString();
        if (name.startsWith("cni-") && meta.contains(name)) {
          quietly(List.of("ip", "netns", "delete", name));
        }
      }
    } catch (IOException e) {
      // nothing to clean
    }
  }

  private static List<String> inNetns(String netns, List<String> command) {
    if (netns == null) {
      return command;
    }
    // nsenter joins only the network namespace; `ip netns exec` would also give containerd a
    // mount namespace of its own with /sys remounted, where runc cannot create containers.
    List<String> c = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns, "--"));
    c.addAll(command);
    return c;
  }

  private List<String> ctrCmd(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ctr", "--address", socket.toString()));
    cmd.addAll(List.of("-n", NAMESPACE));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void killShims() {
    ProcessHandle.allProcesses()
        .filter(
            h ->
                h.info().commandLine().map(c -> c.contains(socket.toString())).orElse(false)
                    && h.info().command().map(c -> c.contains("containerd-shim")).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private static void unmountUnder(Path dir) {
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String[] f = line.split(" ");
        if (f.length > 1 && f[1].startsWith(dir.toString())) {
          mounts.add(f[1]);
        }
      }
    } catch (IOException e) {
      return;
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String m : mounts) {
      quietly(List.of("umount", "-l", m));
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left behind; reported by nothing, a temp dir
                }
              });
    } catch (IOException e) {
      // already gone
    }
  }
}

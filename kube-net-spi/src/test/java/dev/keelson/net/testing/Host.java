package dev.keelson.net.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Commands on this host for the network ITs: root check, PATH lookup, run with a deadline, ping.
 */
public final class Host {
  private Host() {}

  /** What a command did. */
  public record Cmd(int exit, String output) {
    /** Whether it exited 0. */
    public boolean ok() {
      return exit == 0;
    }
  }

  /** Whether this process runs as root. */
  public static boolean isRoot() {
    try {
      return run("id", "-u").output().strip().equals("0");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Where {@code cmd} is on PATH (plus the sbin directories). */
  public static Optional<Path> onPath(String cmd) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    return Stream.of(path.split(":"))
        .filter(s -> !s.isEmpty())
        .map(d -> Path.of(d, cmd))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Runs a command (30 s at most), stdout and stderr together. */
  public static Cmd run(String... command) {
    return run(List.of(command));
  }

  /** Runs a command (30 s at most), stdout and stderr together. */
  public static Cmd run(List<String> command) {
    List<String> cmd = new ArrayList<>(command);
    onPath(cmd.get(0)).ifPresent(p -> cmd.set(0, p.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(256 * 1024);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Cmd(-1, "timed out: " + String.join(" ", cmd));
      }
      return new Cmd(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Cmd(-1, "cannot run " + cmd + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Cmd(-1, "interrupted");
    }
  }

  /** Runs a command and fails with its output unless it exits 0. */
  public static String must(String... command) {
    Cmd c = run(command);
    if (!c.ok()) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + c.output());
    }
    return c.output();
  }

  /** Pings {@code ip} from namespace {@code ns} until it answers or {@code within} passes. */
  public static Cmd pingUntil(String ns, String ip, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    Cmd last;
    do {
      last = run("ip", "netns", "exec", ns, "ping", "-c1", "-W1", ip);
    } while (!last.ok() && System.nanoTime() < deadline);
    return last;
  }

  /** Whether a CNI plugin binary is in one of {@code dirs}. */
  public static boolean hasPlugin(List<Path> dirs, String plugin) {
    return dirs.stream().anyMatch(d -> Files.isExecutable(d.resolve(plugin)));
  }
}

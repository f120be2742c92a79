package dev.keelson.node.internal;

import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.NodeStatsSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node's resources read from Linux: memory from {@code /proc/meminfo} ({@code MemAvailable},
 * {@code MemTotal}), the filesystem of the agent's root dir ({@code statvfs}: bytes through {@link
 * FileStore}, inodes through {@code stat -f}), pids from {@code /proc/sys/kernel/pid_max} and the
 * task count in {@code /proc/loadavg}. The image filesystem is taken to be the root dir's. Values
 * that cannot be read are -1 (not evaluated).
 */
public final class LinuxNodeStats implements NodeStats {
  private final Path root;
  private final Path proc;

  /** Readings for a node whose agent keeps its files under {@code root}. */
  public LinuxNodeStats(Path root) {
    this(root, Path.of("/proc"));
  }

  LinuxNodeStats(Path root, Path proc) {
    this.root = root;
    this.proc = proc;
  }

  /** Whether this machine has the files these readings come from. */
  public static boolean available() {
    return Files.isReadable(Path.of("/proc/meminfo"));
  }

  @Override
  public NodeStatsSummary summary() {
    long memAvailable = -1;
    long memTotal = -1;
    try {
      for (String line : Files.readAllLines(proc.resolve("meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemAvailable:")) {
          memAvailable = kib(line);
        } else if (line.startsWith("MemTotal:")) {
          memTotal = kib(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    long fsAvail = -1;
    long fsTotal = -1;
    Path dir = existingAncestor(root);
    try {
      FileStore store = Files.getFileStore(dir);
      fsAvail = store.getUsableSpace();
      fsTotal = store.getTotalSpace();
    } catch (IOException e) {
      // unknown
    }
    long[] inodes = inodes(dir);
    long pidMax = -1;
    long tasks = -1;
    try {
      pidMax = Long.parseLong(Files.readString(proc.resolve("sys/kernel/pid_max")).trim());
      String[] f = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
      tasks = Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return new NodeStatsSummary(
        memAvailable,
        memTotal,
        fsAvail,
        fsTotal,
        inodes[1],
        inodes[0],
        fsAvail,
        fsTotal,
        pidMax,
        tasks);
  }

  private static long kib(String line) {
    String[] f = line.trim().split("\\s+");
    return Long.parseLong(f[1]) * 1024;
  }

  private static Path existingAncestor(Path p) {
    Path cur = p.toAbsolutePath();
    while (cur != null && !Files.exists(cur)) {
      cur = cur.getParent();
    }
    return cur == null ? Path.of("/") : cur;
  }

  /** {total, free} inodes of the filesystem holding {@code dir}, -1 when unknown. */
  private static long[] inodes(Path dir) {
    try {
      Process p =
          new ProcessBuilder(List.of("stat", "-f", "-c", "%c %d", dir.toString()))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return new long[] {-1, -1};
      }
      String[] f = out.split("\\s+");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new long[] {-1, -1};
    }
  }
}

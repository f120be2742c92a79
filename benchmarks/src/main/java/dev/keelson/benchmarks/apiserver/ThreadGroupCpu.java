package dev.keelson.benchmarks.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process split by kind of thread, from Linux's {@code /proc/self/task/<tid>/stat}
 * (10 ms ticks): unlike {@link ServerCpu} it sees the JVM's own threads, so a phase's CPU can be
 * told apart into the servers' threads, the load generator's, the garbage collector's (with the VM
 * thread, which runs its safepoints) and the JIT compilers'. Threads are told apart by the kernel's
 * name for them (the first 15 characters of the Java name). Empty where {@code /proc} is absent.
 */
final class ThreadGroupCpu {
  enum Group {
    SERVER,
    CLIENT,
    GC,
    JIT,
  }

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

  private ThreadGroupCpu() {}

  /** CPU ticks so far of each live thread, by thread id, with its group. */
  static Map<String, long[]> snapshot() {
    Map<String, long[]> out = new HashMap<>();
    if (!Files.isDirectory(TASKS)) {
      return out;
    }
    try (Stream<Path> tasks = Files.list(TASKS)) {
      tasks.forEach(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              int open = stat.indexOf('(');
              int close = stat.lastIndexOf(')');
              String comm = stat.substring(open + 1, close);
              String[] f = stat.substring(close + 2).split(" ");
              // after the name: state(0) ... utime(11) stime(12)
              long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
              out.put(t.getFileName().toString(), new long[] {ticks, group(comm).ordinal()});
            } catch (IOException | RuntimeException gone) {
              // the thread ended while we looked
            }
          });
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Nanoseconds of CPU per group since {@code before}. */
  static Map<Group, Long> since(Map<String, long[]> before) {
    Map<Group, Long> out = new EnumMap<>(Group.class);
    for (Group g : Group.values()) {
      out.put(g, 0L);
    }
    for (Map.Entry<String, long[]> e : snapshot().entrySet()) {
      long[] was = before.get(e.getKey());
      long ticks = e.getValue()[0] - (was == null ? 0 : was[0]);
      Group g = Group.values()[(int) e.getValue()[1]];
      out.merge(g, (long) (ticks * TICK_NANOS), Long::sum);
    }
    return out;
  }

  /** {@code "server 320, client 150, GC 90, JIT 20 us/op"}, or empty without {@code /proc}. */
  static String perOp(Map<Group, Long> nanos, int ops) {
    if (ops == 0 || nanos.values().stream().allMatch(v -> v == 0)) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "server %.0f, client %.0f, GC %.0f, JIT %.0f us/op",
        nanos.get(Group.SERVER) / 1e3 / ops,
        nanos.get(Group.CLIENT) / 1e3 / ops,
        nanos.get(Group.GC) / 1e3 / ops,
        nanos.get(Group.JIT) / 1e3 / ops);
  }

  static Group group(String comm) {
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
      return Group.JIT;
    }
    if (comm.startsWith("GC Thread")
        || comm.startsWith("G1 ")
        || comm.startsWith("ZGC")
        || comm.startsWith("VM Thread")) {
      return Group.GC;
    }
    // the kernel's copy of a name is 15 characters long at most
    return ServerCpu.isClient(comm) || comm.equals("ForkJoinPool.co") || comm.equals("java")
        ? Group.CLIENT
        : Group.SERVER;
  }
}

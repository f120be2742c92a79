package dev.keelson.benchmarks.apiserver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the server's threads in this JVM: every live platform thread but the load generator's
 * ({@code client-*}, the JDK HttpClient's {@code HttpClient-*}, the Netty client's {@code
 * bench-client-*}, the common pool and {@code main}). Virtual threads (Keelson's request handlers)
 * are counted through their carrier threads. JIT and GC threads are not Java threads and are in
 * neither share; threads that end during a phase lose their share (the servers' event loops and
 * carriers live through it).
 */
final class ServerCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ServerCpu() {}

  /** CPU nanoseconds so far of each live server thread, by thread id. */
  static Map<Long, Long> snapshot() {
    Map<Long, Long> out = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null || isClient(info.getThreadName())) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        out.put(info.getThreadId(), cpu);
      }
    }
    return out;
  }

  /** CPU nanoseconds the server threads used since {@code before}. */
  static long since(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  static boolean isClient(String name) {
    return name.startsWith("client-")
        || name.startsWith("HttpClient-")
        || name.startsWith("bench-client-")
        || name.startsWith("ForkJoinPool.commonPool")
        || name.equals("main");
  }
}

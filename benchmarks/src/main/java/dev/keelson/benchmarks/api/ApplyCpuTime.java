package dev.keelson.benchmarks.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A cross-check of {@link ApplyBenchmark} that a loaded machine distorts less: the thread CPU time
 * per operation of apply, strategic merge patch, and strategic merge patch with managedFields
 * bookkeeping, in rounds (the first warms up). Usage: {@code ApplyCpuTime [operations per round]}.
 */
public final class ApplyCpuTime {
  private ApplyCpuTime() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    ApplyBenchmark b = new ApplyBenchmark();
    b.setUp();
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      long s = t.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        b.apply();
      }
      long apply = t.getCurrentThreadCpuTime() - s;
      s = t.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        b.strategicMergePatch();
      }
      long smp = t.getCurrentThreadCpuTime() - s;
      s = t.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        b.strategicMergePatchTracked();
      }
      long tracked = t.getCurrentThreadCpuTime() - s;
      System.out.printf(
          "round %d: apply %.1f us, strategicMergePatch %.1f us, strategicMergePatchTracked %.1f us"
              + " (CPU time per operation)%n",
          round, apply / 1e3 / n, smp / 1e3 / n, tracked / 1e3 / n);
    }
  }
}

package dev.keelson.benchmarks.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A load-independent cross-check of {@link PodCodecBenchmark}: alternates batches of Keelson and
 * fabric8 round trips on one thread and measures the thread's CPU time (not wall time), so that
 * other processes competing for the cores do not skew the ratio. Prints the median CPU microseconds
 * per round trip of each and their ratio.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.keelson.benchmarks.api.PodCodecCpuTime</pre>
 */
public final class PodCodecCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private PodCodecCpuTime() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    PodCodecBenchmark b = new PodCodecBenchmark();
    b.setUp();
    Supplier<Object> keelson = b::keelsonRoundTrip;
    Supplier<Object> fabric8 = b::fabric8RoundTrip;
    for (int i = 0; i < 10; i++) { // warm-up: let the JIT compile both paths
      cpuMicrosPerOp(keelson, batch);
      cpuMicrosPerOp(fabric8, batch);
    }
    double[] k = new double[rounds];
    double[] f = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      k[i] = cpuMicrosPerOp(keelson, batch);
      f[i] = cpuMicrosPerOp(fabric8, batch);
    }
    double km = median(k);
    double fm = median(f);
    System.out.printf(
        "allocated: keelson %.0f B/op, fabric8 %.0f B/op%n",
        bytesPerOp(keelson, batch), bytesPerOp(fabric8, batch));
    System.out.printf(
        "keelson %.2f us/op, fabric8 %.2f us/op (CPU time, median of %d batches of %d);"
            + " ratio keelson/fabric8 = %.2f%n",
        km, fm, rounds, batch, km / fm);
  }

  private static double cpuMicrosPerOp(Supplier<Object> op, int n) {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink = op.get();
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / 1000.0 / n;
  }

  private static double bytesPerOp(Supplier<Object> op, int n) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
    long id = Thread.currentThread().threadId();
    long start = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < n; i++) {
      sink = op.get();
    }
    return (double) (threads.getThreadAllocatedBytes(id) - start) / n;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

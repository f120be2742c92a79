package dev.keelson.controller.reconcile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * Keeps the metrics of every controller it made in memory and renders them in the Prometheus text
 * format with controller-runtime's names: {@code controller_runtime_reconcile_total{controller,
 * result}}, {@code controller_runtime_reconcile_errors_total}, {@code
 * controller_runtime_terminal_reconcile_errors_total}, {@code
 * controller_runtime_reconcile_time_seconds} (a histogram with controller-runtime's buckets, 5 ms
 * to 60 s), {@code controller_runtime_max_concurrent_reconciles} and {@code
 * controller_runtime_active_workers}.
 */
public final class InMemoryControllerMetrics implements ControllerMetricsProvider {
  private static final double[] BOUNDS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9,
    1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50,
    60
  };
  private static final String[] RESULTS = {"error", "requeue", "requeue_after", "success"};

  private final Map<String, Recorder> controllers = new ConcurrentHashMap<>();

  @Override
  public ControllerMetrics forController(String name) {
    return controllers.computeIfAbsent(name, n -> new Recorder());
  }

  /**
   * The metrics of the controller called {@code name}.
   *
   * @throws IllegalArgumentException if no such controller was made with this provider
   */
  public Stats stats(String name) {
    Recorder r = controllers.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no controller named '" + name + "'");
    }
    return r.stats();
  }

  /**
   * One controller's metrics.
   *
   * @param maxConcurrentReconciles the number of workers
   * @param activeWorkers workers reconciling now
   * @param totalByResult reconciles by {@code result} label
   * @param errors reconciles that threw (terminal ones included)
   * @param terminalErrors reconciles that threw a {@link TerminalException}
   * @param reconciles all reconciles (the histogram's count)
   * @param secondsSum the time all reconciles took
   */
  public record Stats(
      int maxConcurrentReconciles,
      int activeWorkers,
      Map<String, Long> totalByResult,
      long errors,
      long terminalErrors,
      long reconciles,
      double secondsSum) {
    public Stats {
      totalByResult = Map.copyOf(totalByResult);
    }
  }

  /** Every controller's metrics in the Prometheus text exposition format (version 0.0.4). */
  public String prometheusText() {
    Map<String, Stats> all = new TreeMap<>();
    Map<String, Recorder> recorders = new TreeMap<>(controllers);
    recorders.forEach((n, r) -> all.put(n, r.stats()));
    StringBuilder out = new StringBuilder();
    header(
        out,
        "controller_runtime_active_workers",
        "Number of currently used workers per controller",
        "gauge");
    simple(out, all, "controller_runtime_active_workers", s -> (double) s.activeWorkers());
    header(
        out,
        "controller_runtime_max_concurrent_reconciles",
        "Maximum number of concurrent reconciles per controller",
        "gauge");
    simple(
        out,
        all,
        "controller_runtime_max_concurrent_reconciles",
        s -> (double) s.maxConcurrentReconciles());
    header(
        out,
        "controller_runtime_reconcile_errors_total",
        "Total number of reconciliation errors per controller",
        "counter");
    simple(out, all, "controller_runtime_reconcile_errors_total", s -> (double) s.errors());
    header(
        out,
        "controller_runtime_reconcile_time_seconds",
        "Length of time per reconciliation per controller",
        "histogram");
    recorders.forEach((n, r) -> r.time(out, n));
    header(
        out,
        "controller_runtime_reconcile_total",
        "Total number of reconciliations per controller",
        "counter");
    all.forEach(
        (n, s) -> {
          for (String result : RESULTS) {
            out.append("controller_runtime_reconcile_total{controller=\"")
                .append(escape(n))
                .append("\",result=\"")
                .append(result)
                .append("\"} ")
                .append(s.totalByResult().getOrDefault(result, 0L))
                .append('\n');
          }
        });
    header(
        out,
        "controller_runtime_terminal_reconcile_errors_total",
        "Total number of terminal reconciliation errors per controller",
        "counter");
    simple(
        out,
        all,
        "controller_runtime_terminal_reconcile_errors_total",
        s -> (double) s.terminalErrors());
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void simple(
      StringBuilder out, Map<String, Stats> all, String name, Function<Stats, Double> value) {
    all.forEach(
        (n, s) ->
            out.append(name)
                .append("{controller=\"")
                .append(escape(n))
                .append("\"} ")
                .append(number(value.apply(s)))
                .append('\n'));
  }

  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%s", d);
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** One controller's metrics. */
  private static final class Recorder implements ControllerMetrics {
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLongArray outcomes = new AtomicLongArray(ReconcileOutcome.values().length);
    private final long[] buckets = new long[BOUNDS.length]; // per bucket; guarded by this
    private long count; // guarded by this
    private long sumNanos; // guarded by this

    @Override
    public void maxConcurrentReconciles(int workers) {
      max.set(workers);
    }

    @Override
    public void activeWorkers(int delta) {
      active.addAndGet(delta);
    }

    @Override
    public void reconciled(ReconcileOutcome outcome, Duration took) {
      outcomes.incrementAndGet(outcome.ordinal());
      long n = Math.max(0, took.toNanos());
      double s = n / 1e9;
      synchronized (this) {
        for (int i = 0; i < BOUNDS.length; i++) {
          if (s <= BOUNDS[i]) {
            buckets[i]++;
            break;
          }
        }
        count++;
        sumNanos += n;
      }
    }

    Stats stats() {
      Map<String, Long> byResult = new LinkedHashMap<>();
      for (ReconcileOutcome o : ReconcileOutcome.values()) {
        byResult.merge(o.label(), outcomes.get(o.ordinal()), Long::sum);
      }
      long errors =
          outcomes.get(ReconcileOutcome.ERROR.ordinal())
              + outcomes.get(ReconcileOutcome.TERMINAL_ERROR.ordinal());
      long c;
      long sum;
      synchronized (this) {
        c = count;
        sum = sumNanos;
      }
      return new Stats(
          max.get(),
          active.get(),
          byResult,
          errors,
          outcomes.get(ReconcileOutcome.TERMINAL_ERROR.ordinal()),
          c,
          sum / 1e9);
    }

    synchronized void time(StringBuilder out, String controller) {
      String name = "controller_runtime_reconcile_time_seconds";
      String label = "controller=\"" + escape(controller) + "\"";
      long running = 0;
      for (int i = 0; i < BOUNDS.length; i++) {
        running += buckets[i];
        out.append(name)
            .append("_bucket{")
            .append(label)
            .append(",le=\"")
            .append(number(BOUNDS[i]))
            .append("\"} ")
            .append(running)
            .append('\n');
      }
      out.append(name).append("_bucket{").append(label).append(",le=\"+Inf\"} ");
      out.append(count).append('\n');
      out.append(name).append("_sum{").append(label).append("} ");
      out.append(number(sumNanos / 1e9)).append('\n');
      out.append(name).append("_count{").append(label).append("} ");
      out.append(count).append('\n');
    }
  }
}

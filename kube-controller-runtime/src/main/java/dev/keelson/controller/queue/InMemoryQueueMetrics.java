package dev.keelson.controller.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the metrics of every queue it made in memory; read them with {@link #stats} or render all
 * of them in the Prometheus text format with {@link #prometheusText} (client-go's names: {@code
 * workqueue_depth}, {@code workqueue_adds_total}, {@code workqueue_queue_duration_seconds}, {@code
 * workqueue_work_duration_seconds}, {@code workqueue_unfinished_work_seconds}, {@code
 * workqueue_longest_running_processor_seconds}, {@code workqueue_retries_total}, plus {@code
 * workqueue_rejected_total}). Histogram buckets are client-go's: 10 ns times powers of ten up to 10
 * s.
 */
public final class InMemoryQueueMetrics implements QueueMetricsProvider {
  private static final double[] BOUNDS = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10};

  private final Map<String, Recorder> queues = new ConcurrentHashMap<>();

  @Override
  public QueueMetrics forQueue(String name) {
    return queues.computeIfAbsent(name, n -> new Recorder());
  }

  /**
   * The metrics of the queue called {@code name}.
   *
   * @throws IllegalArgumentException if no such queue was made with this provider
   */
  public QueueStats stats(String name) {
    Recorder r = queues.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no queue named '" + name + "'");
    }
    return r.stats();
  }

  /** Every queue's metrics in the Prometheus text exposition format (version 0.0.4). */
  public String prometheusText() {
    Map<String, QueueStats> all = new TreeMap<>();
    queues.forEach((n, r) -> all.put(n, r.stats()));
    StringBuilder out = new StringBuilder();
    gauge(out, all, "workqueue_depth", "Current depth of workqueue", "gauge", s -> s.depth());
    gauge(out, all, "workqueue_adds_total", "Total number of adds", "counter", s -> s.adds());
    histogram(out, all, "workqueue_queue_duration_seconds", "Seconds an item waits", true);
    histogram(out, all, "workqueue_work_duration_seconds", "Seconds processing an item", false);
    gauge(
        out,
        all,
        "workqueue_unfinished_work_seconds",
        "Seconds of work in progress not yet observed by work_duration",
        "gauge",
        s -> seconds(s.unfinishedWork()));
    gauge(
        out,
        all,
        "workqueue_longest_running_processor_seconds",
        "Seconds the longest running processor has been running",
        "gauge",
        s -> seconds(s.longestRunning()));
    gauge(
        out,
        all,
        "workqueue_retries_total",
        "Total number of retries",
        "counter",
        s -> s.retries());
    gauge(
        out,
        all,
        "workqueue_rejected_total",
        "New items refused because the queue was full",
        "counter",
        s -> s.rejected());
    return out.toString();
  }

  private interface Value {
    double of(QueueStats s);
  }

  private static void gauge(
      StringBuilder out,
      Map<String, QueueStats> all,
      String name,
      String help,
      String type,
      Value v) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    all.forEach(
        (q, s) ->
            out.append(name)
                .append("{name=\"")
                .append(escape(q))
                .append("\"} ")
                .append(number(v.of(s)))
                .append('\n'));
  }

  private static void histogram(
      StringBuilder out, Map<String, QueueStats> all, String name, String help, boolean latency) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    all.forEach(
        (q, s) -> {
          QueueStats.Histogram h = latency ? s.queueLatency() : s.workDuration();
          String label = "name=\"" + escape(q) + "\"";
          for (int i = 0; i < h.upperBounds().size(); i++) {
            out.append(name)
                .append("_bucket{")
                .append(label)
                .append(",le=\"")
                .append(number(h.upperBounds().get(i)))
                .append("\"} ")
                .append(h.cumulativeCounts().get(i))
                .append('\n');
          }
          out.append(name).append("_bucket{").append(label).append(",le=\"+Inf\"} ");
          out.append(h.count()).append('\n');
          out.append(name).append("_sum{").append(label).append("} ");
          out.append(number(h.sumSeconds())).append('\n');
          out.append(name).append("_count{").append(label).append("} ");
          out.append(h.count()).append('\n');
        });
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%s", d);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** One queue's metrics. */
  private static final class Recorder implements QueueMetrics {
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicLong adds = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Hist latency = new Hist();
    private final Hist work = new Hist();
    private volatile InFlight inFlight;

    @Override
    public void added() {
      adds.incrementAndGet();
    }

    @Override
    public void depth(int d) {
      depth.set(d);
    }

    @Override
    public void queueLatency(Duration d) {
      latency.observe(d);
    }

    @Override
    public void workDuration(Duration d) {
      work.observe(d);
    }

    @Override
    public void retried() {
      retries.incrementAndGet();
    }

    @Override
    public void rejected() {
      rejected.incrementAndGet();
    }

    @Override
    public void bind(InFlight f) {
      inFlight = f;
    }

    QueueStats stats() {
      InFlight f = inFlight;
      return new QueueStats(
          depth.get(),
          adds.get(),
          retries.get(),
          rejected.get(),
          latency.snapshot(),
          work.snapshot(),
          f == null ? Duration.ZERO : f.unfinishedWork(),
          f == null ? Duration.ZERO : f.longestRunning());
    }
  }

  /** A fixed-bucket histogram. */
  private static final class Hist {
    private final long[] counts = new long[BOUNDS.length]; // per bucket, not cumulative
    private long count;
    private long sumNanos;
    private long maxNanos;

    synchronized void observe(Duration d) {
      long n = Math.max(0, d.toNanos());
      double s = n / 1e9;
      for (int i = 0; i < BOUNDS.length; i++) {
        if (s <= BOUNDS[i]) {
          counts[i]++;
          break;
        }
      }
      count++;
      sumNanos += n;
      maxNanos = Math.max(maxNanos, n);
    }

    synchronized QueueStats.Histogram snapshot() {
      List<Double> bounds = new ArrayList<>();
      List<Long> cumulative = new ArrayList<>();
      long running = 0;
      for (int i = 0; i < BOUNDS.length; i++) {
        running += counts[i];
        bounds.add(BOUNDS[i]);
        cumulative.add(running);
      }
      return new QueueStats.Histogram(
          bounds, cumulative, count, sumNanos / 1e9, Duration.ofNanos(maxNanos));
    }
  }
}

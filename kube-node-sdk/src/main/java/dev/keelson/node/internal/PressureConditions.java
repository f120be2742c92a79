package dev.keelson.node.internal;

import dev.keelson.api.core.v1.NodeCondition;
import dev.keelson.api.values.Quantity;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.spi.NodeStats;
import dev.keelson.node.spi.NodeStatsSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubelet's eviction manager, the part that sets node conditions: each hard threshold ({@code
 * memory.available<100Mi}, {@code nodefs.available<10%}, {@code nodefs.inodesFree<5%}, {@code
 * imagefs.available<15%}, {@code imagefs.inodesFree}, {@code pid.available}; absolute quantities or
 * percentages of capacity) is checked against a {@link NodeStats} reading; a crossed threshold sets
 * MemoryPressure, DiskPressure or PIDPressure, which stays true until the signal has been back over
 * its threshold for {@code evictionPressureTransitionPeriod}. Evicting pods is not done.
 */
public final class PressureConditions {
  private final NodeStats stats;
  private final Map<String, String> thresholds;
  private final Clock clock;
  private final Duration transition;
  private final Map<String, Instant> lastObserved = new HashMap<>(); // guarded by this

  /** Conditions from {@code stats} against {@code thresholds} (signal to threshold). */
  public PressureConditions(
      NodeStats stats, Map<String, String> thresholds, Clock clock, Duration transition) {
    this.stats = stats;
    this.thresholds = Map.copyOf(thresholds);
    this.clock = clock;
    this.transition = transition;
    for (var e : this.thresholds.entrySet()) {
      condition(e.getKey()); // fails fast on an unknown signal
      parse(e.getValue(), 1); // and on a bad threshold
    }
  }

  /** MemoryPressure, DiskPressure and PIDPressure, in that order, without times. */
  public synchronized List<NodeCondition> conditions() {
    NodeStatsSummary s = stats.summary();
    Instant now = clock.instant();
    for (var e : thresholds.entrySet()) {
      long[] sig = signal(s, e.getKey());
      if (sig[0] < 0 || sig[1] < 0) {
        continue;
      }
      long min = parse(e.getValue(), sig[1]);
      if (sig[0] < min) {
        lastObserved.put(condition(e.getKey()), now);
      }
    }
    List<NodeCondition> out = new ArrayList<>(3);
    out.add(
        pressed("MemoryPressure", now)
            ? cond(
                "MemoryPressure",
                "True",
                "KubeletHasInsufficientMemory",
                "kubelet has insufficient memory available")
            : cond(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available"));
    out.add(
        pressed("DiskPressure", now)
            ? cond("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure")
            : cond(
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure"));
    out.add(
        pressed("PIDPressure", now)
            ? cond(
                "PIDPressure",
                "True",
                "KubeletHasInsufficientPID",
                "kubelet has insufficient PID available")
            : cond(
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available"));
    return out;
  }

  private boolean pressed(String condition, Instant now) {
    Instant at = lastObserved.get(condition);
    return at != null && now.isBefore(at.plus(transition));
  }

  private static NodeCondition cond(String type, String status, String reason, String message) {
    return new NodeCondition(type, status, null, null, reason, message);
  }

  private static String condition(String signal) {
    return switch (signal) {
      case "memory.available" -> "MemoryPressure";
      case "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree" ->
          "DiskPressure";
      case "pid.available" -> "PIDPressure";
      default -> throw new IllegalArgumentException("unknown eviction signal: " + signal);
    };
  }

  /** {available, capacity} of a signal, -1 when unknown. */
  private static long[] signal(NodeStatsSummary s, String signal) {
    return switch (signal) {
      case "memory.available" -> new long[] {s.memoryAvailableBytes(), s.memoryCapacityBytes()};
      case "nodefs.available" -> new long[] {s.nodefsAvailableBytes(), s.nodefsCapacityBytes()};
      case "nodefs.inodesFree" -> new long[] {s.nodefsInodesFree(), s.nodefsInodes()};
      case "imagefs.available" -> new long[] {s.imagefsAvailableBytes(), s.imagefsCapacityBytes()};
      case "imagefs.inodesFree" -> new long[] {s.nodefsInodesFree(), s.nodefsInodes()};
      case "pid.available" ->
          s.pidMax() < 0 || s.processCount() < 0
              ? new long[] {-1, -1}
              : new long[] {s.pidMax() - s.processCount(), s.pidMax()};
      default -> new long[] {-1, -1};
    };
  }

  /** The threshold in the signal's unit: a quantity, or a percentage of {@code capacity}. */
  private static long parse(String threshold, long capacity) {
    String t = threshold.trim();
    if (t.endsWith("%")) {
      BigDecimal pct = new BigDecimal(t.substring(0, t.length() - 1));
      if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new IllegalArgumentException("eviction threshold out of range: " + threshold);
      }
      return pct.multiply(BigDecimal.valueOf(capacity)).divide(BigDecimal.valueOf(100)).longValue();
    }
    return Quantity.parse(t).value();
  }
}

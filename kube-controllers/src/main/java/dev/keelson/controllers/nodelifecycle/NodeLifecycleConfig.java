package dev.keelson.controllers.nodelifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the node lifecycle controller (kube-controller-manager's flags of the same names).
 *
 * @param monitorPeriod how often each Node is checked ({@code --node-monitor-period}, 5 s)
 * @param gracePeriod how long a Node may go without a heartbeat (Lease renewal or Ready condition)
 *     before it is marked Unknown ({@code --node-monitor-grace-period}: 50 s since Kubernetes 1.32,
 *     40 s before)
 * @param startupGracePeriod the same for a Node that never posted a Ready condition ({@code
 *     --node-startup-grace-period}, 60 s)
 * @param evictionRate Nodes tainted {@code NoExecute} per second per zone ({@code
 *     --node-eviction-rate}, 0.1), burst one
 */
public record NodeLifecycleConfig(
    Duration monitorPeriod,
    Duration gracePeriod,
    Duration startupGracePeriod,
    double evictionRate) {
  public NodeLifecycleConfig {
    Objects.requireNonNull(monitorPeriod, "monitorPeriod");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(startupGracePeriod, "startupGracePeriod");
    if (!monitorPeriod.isPositive()
        || !gracePeriod.isPositive()
        || !startupGracePeriod.isPositive()) {
      throw new IllegalArgumentException("periods must be positive");
    }
    if (!(evictionRate > 0)) {
      throw new IllegalArgumentException("evictionRate must be positive: " + evictionRate);
    }
  }

  /** Kubernetes' defaults: 5 s, 50 s, 60 s, 0.1 per second. */
  public static NodeLifecycleConfig defaults() {
    return new NodeLifecycleConfig(
        Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofSeconds(60), 0.1);
  }

  public NodeLifecycleConfig withGracePeriod(Duration gracePeriod) {
    return new NodeLifecycleConfig(monitorPeriod, gracePeriod, startupGracePeriod, evictionRate);
  }

  public NodeLifecycleConfig withEvictionRate(double evictionRate) {
    return new NodeLifecycleConfig(monitorPeriod, gracePeriod, startupGracePeriod, evictionRate);
  }
}

package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.ScorePlugin;

/**
 * Favours nodes whose CPU and memory would be used in balance after placing the pod: with the
 * fractions {@code f = requested / allocatable} (capped at 1), the score is {@code (1 - std(f)) *
 * 100}, which for two resources is {@code (1 - |f_cpu - f_mem| / 2) * 100}.
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeResourcesBalancedAllocation";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    double cpu =
        fraction(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(), node.allocatable().milliCpu);
    double mem = fraction(node.nonZeroMemory() + pod.nonZeroMemory(), node.allocatable().memory);
    double std = Math.abs(cpu - mem) / 2;
    return (long) ((1 - std) * MAX_NODE_SCORE);
  }

  private static double fraction(long requested, long capacity) {
    if (capacity <= 0) {
      return 1;
    }
    return Math.min(1.0, (double) requested / capacity);
  }
}

package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.NodeInfo;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.ScorePlugin;

/**
 * Favours nodes with the most free CPU and memory after placing the pod (kube-scheduler's {@code
 * LeastAllocated} scoring strategy of NodeResourcesFit, weights cpu=1, memory=1): per resource
 * {@code (allocatable - requested) * 100 / allocatable}, averaged. Requests count with the scoring
 * defaults (100m, 200Mi).
 */
public final class NodeResourcesLeastAllocated implements ScorePlugin {
  /** The plugin's name. */
  public static final String NAME = "NodeResourcesLeastAllocated";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    long cpu =
        leastRequested(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(), node.allocatable().milliCpu);
    long mem =
        leastRequested(node.nonZeroMemory() + pod.nonZeroMemory(), node.allocatable().memory);
    return (cpu + mem) / 2;
  }

  static long leastRequested(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * MAX_NODE_SCORE / capacity;
  }
}

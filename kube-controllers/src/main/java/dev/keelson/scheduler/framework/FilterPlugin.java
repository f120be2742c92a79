package dev.keelson.scheduler.framework;

/** Decides whether a pod can run on a node. Called concurrently for different nodes. */
public interface FilterPlugin extends Plugin {
  /** Success if {@code pod} fits on {@code node}, else an unschedulable status with reasons. */
  Status filter(CycleState state, PodInfo pod, NodeInfo node);
}

package dev.keelson.scheduler.framework;

/** Reserves node resources for a pod once a node is chosen, before binding. */
public interface ReservePlugin extends Plugin {
  /** Reserves; a failure unreserves and fails the cycle. */
  Status reserve(CycleState state, PodInfo pod, String nodeName);

  /** Undoes {@link #reserve} (the cycle or the binding failed). Must not fail. */
  void unreserve(CycleState state, PodInfo pod, String nodeName);
}

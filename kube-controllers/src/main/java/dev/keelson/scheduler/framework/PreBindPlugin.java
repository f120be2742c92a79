package dev.keelson.scheduler.framework;

/** Runs before binding, in the binding cycle (off the scheduling thread). */
public interface PreBindPlugin extends Plugin {
  /** Prepares binding (volumes, ...); a failure unreserves and retries the pod. */
  Status preBind(CycleState state, PodInfo pod, String nodeName);
}

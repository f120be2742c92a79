package dev.keelson.scheduler.framework;

/**
 * Approves or denies binding. This scheduler does not implement waiting: a {@link Code#WAIT} answer
 * is treated as a rejection.
 */
public interface PermitPlugin extends Plugin {
  /** Success to go on binding, anything else to fail the pod. */
  Status permit(CycleState state, PodInfo pod, String nodeName);
}

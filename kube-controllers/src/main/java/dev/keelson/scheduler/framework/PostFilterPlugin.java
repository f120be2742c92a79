package dev.keelson.scheduler.framework;

import java.util.Map;

/** Runs when no node fits (preemption). */
public interface PostFilterPlugin extends Plugin {
  /**
   * Tries to make the pod schedulable.
   *
   * @param statuses the filter status of every node that was tried, by node name
   */
  PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> statuses);
}

package dev.keelson.scheduler.framework;

import java.util.List;

/** Runs once before scoring, with the feasible nodes. */
public interface PreScorePlugin extends Plugin {
  /** Prepares scoring state; {@link Code#SKIP} makes the scorer skip this pod. */
  Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes);
}

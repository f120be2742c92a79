package dev.keelson.scheduler.framework;

import java.util.List;

/**
 * Ranks feasible nodes. Scores are normalised to [0, {@link #MAX_NODE_SCORE}] and multiplied by the
 * plugin's weight in the profile.
 */
public interface ScorePlugin extends Plugin {
  /** The highest score a node gets from one plugin. */
  long MAX_NODE_SCORE = 100;

  /** The raw score of {@code node}. Called concurrently for different nodes. */
  long score(CycleState state, PodInfo pod, NodeInfo node);

  /** Normalises the raw scores in place (index-aligned with {@code nodes}); none by default. */
  default void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {}

  /**
   * kube-scheduler's {@code DefaultNormalizeScore}: scales scores to [0, max] by the highest one;
   * {@code reverse} turns "more is worse" counts into scores.
   */
  static void defaultNormalize(long max, boolean reverse, long[] scores) {
    long highest = 0;
    for (long s : scores) {
      highest = Math.max(highest, s);
    }
    if (highest == 0) {
      if (reverse) {
        java.util.Arrays.fill(scores, max);
      }
      return;
    }
    for (int i = 0; i < scores.length; i++) {
      long s = max * scores[i] / highest;
      scores[i] = reverse ? max - s : s;
    }
  }
}

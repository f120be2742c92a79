package dev.keelson.node;

import dev.keelson.api.core.v1.Pod;

/**
 * Receives a {@link PodSource}'s view of the node's pods. Calls come from one thread at a time and
 * must not block.
 */
public interface PodHandler {
  /** A pod bound to this node was added or changed (or seen again on a relist). */
  void podUpdated(Pod pod);

  /** A pod is gone from the API (deleted for good); {@code lastKnown} is its last state seen. */
  void podRemoved(Pod lastKnown);
}

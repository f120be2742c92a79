package dev.keelson.scheduler.framework;

import java.util.List;

/** A scheduling plugin; it implements one or more extension point interfaces. */
public interface Plugin {
  /** The plugin's name (as kube-scheduler names it: {@code NodeResourcesFit}, ...). */
  String name();

  /**
   * The cluster events that may make a pod this plugin rejected schedulable (none by default: a
   * plugin that never rejects needs none).
   */
  default List<ClusterEvent> events() {
    return List.of();
  }
}

package dev.keelson.scheduler.framework;

/** Runs once per cycle before filtering: computes state, or rejects the pod outright. */
public interface PreFilterPlugin extends Plugin {
  /** Prepares {@code state} for the filter; a rejection fails the pod on every node. */
  Status preFilter(CycleState state, PodInfo pod);
}

package dev.keelson.scheduler.framework;

/** Binds a pod to a node. Bind plugins are tried in order until one does not {@link Code#SKIP}. */
public interface BindPlugin extends Plugin {
  /** Binds, or skips to the next binder. */
  Status bind(CycleState state, PodInfo pod, String nodeName);
}

package dev.keelson.scheduler.framework;

/** The outcome of a plugin call, as kube-scheduler's status codes. */
public enum Code {
  /** The plugin ran and the pod may go on. */
  SUCCESS,
  /** An internal error; the pod is retried with backoff. */
  ERROR,
  /** The pod does not fit, but preemption may help. */
  UNSCHEDULABLE,
  /** The pod does not fit and preemption cannot help (taints, affinity, ...). */
  UNSCHEDULABLE_AND_UNRESOLVABLE,
  /** A Permit plugin wants the pod to wait. */
  WAIT,
  /** The plugin has nothing to say (a Bind plugin that leaves binding to the next one). */
  SKIP
}

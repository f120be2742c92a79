package dev.keelson.scheduler.framework;

/**
 * A change in the cluster that may make a rejected pod schedulable (kube-scheduler's {@code
 * ClusterEvent}). Plugins register the events that may undo their rejections; the scheduling queue
 * moves a pod out of the unschedulable pods only on an event one of its rejecting plugins
 * registered.
 *
 * @param resource what changed
 * @param action how it changed
 */
public record ClusterEvent(Kind resource, Action action) {
  /** The kind of object. */
  public enum Kind {
    /** A Node. */
    NODE,
    /** A pod bound to a node (or assumed onto one). */
    ASSIGNED_POD,
    /** Anything (the periodic flush and unknown changes). */
    WILDCARD
  }

  /** The change. */
  public enum Action {
    /** Created. */
    ADD,
    /** Changed. */
    UPDATE,
    /** Deleted. */
    DELETE,
    /** Any action. */
    ALL
  }

  /** Node added. */
  public static final ClusterEvent NODE_ADD = new ClusterEvent(Kind.NODE, Action.ADD);

  /** Node changed. */
  public static final ClusterEvent NODE_UPDATE = new ClusterEvent(Kind.NODE, Action.UPDATE);

  /** Node deleted. */
  public static final ClusterEvent NODE_DELETE = new ClusterEvent(Kind.NODE, Action.DELETE);

  /** Pod bound. */
  public static final ClusterEvent ASSIGNED_POD_ADD =
      new ClusterEvent(Kind.ASSIGNED_POD, Action.ADD);

  /** Bound pod changed. */
  public static final ClusterEvent ASSIGNED_POD_UPDATE =
      new ClusterEvent(Kind.ASSIGNED_POD, Action.UPDATE);

  /** Bound pod deleted (or an assumed pod forgotten). */
  public static final ClusterEvent ASSIGNED_POD_DELETE =
      new ClusterEvent(Kind.ASSIGNED_POD, Action.DELETE);

  /** Anything. */
  public static final ClusterEvent WILDCARD_EVENT = new ClusterEvent(Kind.WILDCARD, Action.ALL);

  /** Whether a registration of {@code this} covers {@code event}. */
  public boolean covers(ClusterEvent event) {
    if (resource == Kind.WILDCARD || event.resource == Kind.WILDCARD) {
      return true;
    }
    return resource == event.resource && (action == Action.ALL || action == event.action);
  }
}

package dev.keelson.watch;

/** The type of a watch event, with the name Kubernetes writes on the wire. */
public enum EventType {
  ADDED,
  MODIFIED,
  DELETED,
  BOOKMARK,
  ERROR
}

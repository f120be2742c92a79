package dev.keelson.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Status;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One event delivered to a subscriber: its {@link EventType type}, the object (decoded, for
 * in-process consumers) and the wire form {@code {"type":"MODIFIED","object":{...}}} (for HTTP
 * watches, which write {@link #json()} verbatim, one event per line).
 *
 * <p>Events are shared: the same instance (and the same JSON bytes, built at most once) goes to
 * every subscriber that receives it. Never modify the array {@link #json()} returns.
 */
public final class Event {
  /** The annotation marking the bookmark that ends the initial events of a watch. */
  public static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

  private static final byte[] TYPE_PREFIX = utf8("{\"type\":\"");
  private static final byte[] OBJECT_PREFIX = utf8("\",\"object\":");

  private final EventType type;
  private final long resourceVersion;
  private final GenericObject object;
  private final StoredObject stored;
  private final Status status;
  private final byte[] objectJson;
  private volatile byte[] json;

  private Event(
      EventType type,
      long resourceVersion,
      GenericObject object,
      StoredObject stored,
      Status status,
      byte[] objectJson) {
    this.type = type;
    this.resourceVersion = resourceVersion;
    this.object = object;
    this.stored = stored;
    this.status = status;
    this.objectJson = objectJson;
  }

  /** An ADDED, MODIFIED or DELETED event carrying {@code object}. */
  public static Event of(EventType type, StoredObject object) {
    if (type == EventType.BOOKMARK || type == EventType.ERROR) {
      throw new IllegalArgumentException("not an object event: " + type);
    }
    return new Event(type, object.resourceVersion(), object.object(), object, null, object.json());
  }

  /**
   * A BOOKMARK: {@code {"kind":kind,"apiVersion":apiVersion,"metadata":{"resourceVersion":"N"}}},
   * annotated {@code k8s.io/initial-events-end: "true"} when it ends the initial events.
   */
  public static Event bookmark(
      String apiVersion, String kind, long resourceVersion, boolean initialEventsEnd) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", kind);
    node.put("apiVersion", apiVersion);
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(resourceVersion));
    if (initialEventsEnd) {
      metadata.putObject("annotations").put(INITIAL_EVENTS_END, "true");
    }
    return new Event(
        EventType.BOOKMARK,
        resourceVersion,
        GenericObject.of(node),
        null,
        null,
        KubeJson.encode(node));
  }

  /** An ERROR event carrying a failure {@link Status}; the subscription ends after it. */
  public static Event error(Status status) {
    Objects.requireNonNull(status, "status");
    return new Event(EventType.ERROR, 0, null, null, status, KubeJson.encode(status));
  }

  public EventType type() {
    return type;
  }

  /**
   * The resource version this event brings the subscriber to: the object's for object events, the
   * cache's revision for bookmarks, 0 for errors.
   */
  public long resourceVersion() {
    return resourceVersion;
  }

  /** The object (for a bookmark, the bookmark object); {@code null} for an ERROR. */
  public GenericObject object() {
    return object;
  }

  /** The object as a typed record, for example {@code event.objectAs(Pod.class)}. */
  public <T> T objectAs(Class<T> type) {
    if (object == null) {
      throw new IllegalStateException("an " + this.type + " event carries no object");
    }
    return object.as(type);
  }

  /** The cached object behind an ADDED, MODIFIED or DELETED event. */
  public Optional<StoredObject> stored() {
    return Optional.ofNullable(stored);
  }

  /** The failure of an ERROR event. */
  public Optional<Status> status() {
    return Optional.ofNullable(status);
  }

  /**
   * The event in the wire form, compact, without a trailing newline. Built once and shared; do not
   * modify.
   */
  public byte[] json() {
    byte[] j = json;
    if (j == null) {
      byte[] typeName = utf8(type.name());
      j =
          new byte
              [TYPE_PREFIX.length + typeName.length + OBJECT_PREFIX.length + objectJson.length + 1];
      int at = 0;
      System.arraycopy(TYPE_PREFIX, 0, j, at, TYPE_PREFIX.length);
      at += TYPE_PREFIX.length;
      System.arraycopy(typeName, 0, j, at, typeName.length);
      at += typeName.length;
      System.arraycopy(OBJECT_PREFIX, 0, j, at, OBJECT_PREFIX.length);
      at += OBJECT_PREFIX.length;
      System.arraycopy(objectJson, 0, j, at, objectJson.length);
      j[j.length - 1] = '}';
      json = j;
    }
    return j;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return type + "@" + resourceVersion + (stored != null ? " " + stored.key() : "");
  }
}

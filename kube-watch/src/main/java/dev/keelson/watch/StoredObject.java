package dev.keelson.watch;

import dev.keelson.api.GenericObject;
import java.util.Map;
import java.util.Objects;

/**
 * One version of one object as the cache holds it: decoded once, serialized once, shared by every
 * subscriber and every list.
 *
 * <p>Immutable by contract: {@link #json()} returns the shared array itself (no copy, so that
 * thousands of watchers can write it without copying); callers must never modify it.
 */
public final class StoredObject {
  private final String key;
  private final String namespace;
  private final String name;
  private final long resourceVersion;
  private final Map<String, String> labels;
  private final Map<String, String> fields;
  private final GenericObject object;
  private final byte[] json;
  private volatile Event added;
  private volatile Event modified;
  private volatile Event deleted;

  /**
   * A stored object.
   *
   * @param key the store key
   * @param namespace the namespace, {@code ""} for cluster-scoped objects
   * @param name the name
   * @param resourceVersion the store revision of this version, already set in the object
   * @param labels {@code metadata.labels}
   * @param fields the selectable fields, including {@code metadata.name} and {@code
   *     metadata.namespace}
   * @param object the decoded object, with {@code metadata.resourceVersion} set
   * @param json the object's compact JSON, with {@code metadata.resourceVersion} set; not copied
   */
  public StoredObject(
      String key,
      String namespace,
      String name,
      long resourceVersion,
      Map<String, String> labels,
      Map<String, String> fields,
      GenericObject object,
      byte[] json) {
    this.key = Objects.requireNonNull(key, "key");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.name = Objects.requireNonNull(name, "name");
    this.resourceVersion = resourceVersion;
    this.labels = Map.copyOf(labels);
    this.fields = Map.copyOf(fields);
    this.object = Objects.requireNonNull(object, "object");
    this.json = Objects.requireNonNull(json, "json");
  }

  public String key() {
    return key;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The store mod revision of this version (for a deletion, the revision of the delete). */
  public long resourceVersion() {
    return resourceVersion;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public Map<String, String> fields() {
    return fields;
  }

  /** The decoded object, {@code metadata.resourceVersion} included. */
  public GenericObject object() {
    return object;
  }

  /** The shared compact JSON of the object; do not modify. */
  public byte[] json() {
    return json;
  }

  /** The (shared) event of type {@code type} carrying this object. */
  /** Makes the shared event once, so that every subscriber gets the same object and bytes. */
  private synchronized Event create(EventType type) {
    return switch (type) {
      case ADDED -> added != null ? added : (added = Event.of(type, this));
      case MODIFIED -> modified != null ? modified : (modified = Event.of(type, this));
      case DELETED -> deleted != null ? deleted : (deleted = Event.of(type, this));
      default -> Event.of(type, this);
    };
  }

  public Event event(EventType type) {
    return switch (type) {
      case ADDED -> {
        Event e = added;
        yield e != null ? e : create(type);
      }
      case MODIFIED -> {
        Event e = modified;
        yield e != null ? e : create(type);
      }
      case DELETED -> {
        Event e = deleted;
        yield e != null ? e : create(type);
      }
      default -> throw new IllegalArgumentException("not an object event: " + type);
    };
  }

  @Override
  public String toString() {
    return "StoredObject[" + key + "@" + resourceVersion + "]";
  }
}

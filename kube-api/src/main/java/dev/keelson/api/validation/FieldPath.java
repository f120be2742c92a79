package dev.keelson.api.validation;

import java.util.Objects;

/**
 * A path to a field, rendered as Kubernetes renders it: {@code spec.containers[1].ports[0].name},
 * {@code spec.containers[0].resources.requests[cpu]}. Immutable; each step returns a new path.
 */
public final class FieldPath {
  private final String text;

  private FieldPath(String text) {
    this.text = text;
  }

  /** A path starting at the field {@code name} ({@code metadata}, {@code spec}). */
  public static FieldPath root(String name) {
    return new FieldPath(Objects.requireNonNull(name, "name"));
  }

  /** The field {@code name} of this one: {@code spec} -> {@code spec.containers}. */
  public FieldPath child(String name) {
    return new FieldPath(text + "." + name);
  }

  /** The fields {@code a.b.c} below this one. */
  public FieldPath child(String first, String... more) {
    FieldPath p = child(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  /** Element {@code i} of this list: {@code spec.containers[1]}. */
  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  /** Entry {@code key} of this map: {@code resources.requests[cpu]}. */
  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}

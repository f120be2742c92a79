package dev.keelson.api.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from an object's root to one of its fields, map entries or list elements. {@link
 * #toString()} is Kubernetes' form, as in apply conflicts: {@code
 * .spec.containers[name="c"].image}.
 */
public final class FieldPath implements Comparable<FieldPath> {
  /** The root (the object itself). */
  public static final FieldPath ROOT = new FieldPath(List.of());

  private final List<PathElement> elements;
  private int hash; // 0: not computed yet (paths are hashed again and again in field sets)

  /** A path of {@code elements} (copied). */
  public FieldPath(List<PathElement> elements) {
    this.elements = List.copyOf(elements);
  }

  private FieldPath(PathElement[] elements) {
    this.elements = List.of(elements); // the one copy
  }

  /** The steps from the root. */
  public List<PathElement> elements() {
    return elements;
  }

  /** A path of fields: {@code FieldPath.of("spec", "replicas")}. */
  public static FieldPath of(String... fields) {
    List<PathElement> e = new ArrayList<>();
    for (String f : fields) {
      e.add(new PathElement.Field(f));
    }
    return new FieldPath(e);
  }

  /** This path with one more step. */
  public FieldPath child(PathElement e) {
    PathElement[] next = elements.toArray(new PathElement[elements.size() + 1]);
    next[elements.size()] = java.util.Objects.requireNonNull(e, "element");
    return new FieldPath(next);
  }

  /** This path with one more field. */
  public FieldPath field(String name) {
    return child(new PathElement.Field(name));
  }

  /** The number of steps. */
  public int size() {
    return elements.size();
  }

  /** The path without its last step; the root's parent is the root. */
  public FieldPath parent() {
    return elements.isEmpty() ? this : new FieldPath(elements.subList(0, elements.size() - 1));
  }

  /** Whether {@code other} is this path or lies below it. */
  public boolean isPrefixOf(FieldPath other) {
    int n = elements.size();
    if (other.elements.size() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) { // no sub-list view per call: this runs for every owned field
      if (!elements.get(i).equals(other.elements.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(FieldPath o) {
    int n = Math.min(elements.size(), o.elements.size());
    for (int i = 0; i < n; i++) {
      int c = elements.get(i).compareTo(o.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), o.elements.size());
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof FieldPath p && p.hashCode() == hashCode() && p.elements.equals(elements));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = elements.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (PathElement e : elements) {
      b.append(e.text());
    }
    return b.toString();
  }
}

package dev.keelson.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of {@link FieldPath}s: the fields a manager owns, or the fields that changed.
 * Its wire form is Kubernetes' FieldsV1 trie: each key is a path element ({@code f:}, {@code k:},
 * {@code v:}, {@code i:}) and {@code ".": {}} marks a node that is a member while paths below it
 * are members too.
 */
public final class FieldSet {
  private static final FieldSet EMPTY = new FieldSet(Set.of());

  private final Set<FieldPath> members;

  private FieldSet(Set<FieldPath> members) {
    this.members = members;
  }

  /** The empty set. */
  public static FieldSet empty() {
    return EMPTY;
  }

  /** A set of these paths. */
  public static FieldSet of(Collection<FieldPath> paths) {
    return paths.isEmpty()
        ? EMPTY
        : new FieldSet(Collections.unmodifiableSet(new HashSet<>(paths)));
  }

  /** A set of these paths. */
  public static FieldSet of(FieldPath... paths) {
    return of(java.util.Arrays.asList(paths));
  }

  /**
   * Parses the FieldsV1 form.
   *
   * @throws IllegalArgumentException if it is not a FieldsV1 trie
   */
  public static FieldSet fromFieldsV1(JsonNode fields) {
    if (fields == null || fields.isNull() || fields.isMissingNode()) {
      return EMPTY;
    }
    Set<FieldPath> paths = new HashSet<>();
    read(fields, FieldPath.ROOT, paths, 0);
    return of(paths);
  }

  private static void read(JsonNode node, FieldPath at, Set<FieldPath> out, int depth) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("FieldsV1 at " + at + " must be an object");
    }
    if (depth > 200) {
      throw new IllegalArgumentException("FieldsV1 is nested too deeply");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(".")) {
        out.add(at);
        continue;
      }
      FieldPath child = at.child(PathElement.decode(e.getKey()));
      if (e.getValue().isObject() && e.getValue().isEmpty()) {
        out.add(child);
      } else {
        read(e.getValue(), child, out, depth + 1);
      }
    }
  }

  /** The FieldsV1 form, children sorted (fields, then keys, values, indexes). */
  public ObjectNode toFieldsV1() {
    Trie root = new Trie();
    for (FieldPath p : members) {
      Trie t = root;
      for (PathElement e : p.elements()) {
        t = t.children.computeIfAbsent(e, k -> new Trie());
      }
      t.member = true;
    }
    return root.write();
  }

  private static final class Trie {
    boolean member;
    final TreeMap<PathElement, Trie> children = new TreeMap<>();

    ObjectNode write() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      if (member && !children.isEmpty()) {
        o.putObject(".");
      }
      children.forEach((e, t) -> o.set(e.encode(), t.write()));
      return o;
    }
  }

  /** The paths, unordered. */
  public Set<FieldPath> members() {
    return members;
  }

  /** The paths, sorted. */
  public TreeSet<FieldPath> sorted() {
    return new TreeSet<>(members);
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  public int size() {
    return members.size();
  }

  public boolean contains(FieldPath p) {
    return members.contains(p);
  }

  /** The paths in this set or {@code other}. */
  public FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<FieldPath> s = new HashSet<>(members);
    s.addAll(other.members);
    return of(s);
  }

  /** The paths in this set and not in {@code other}. */
  public FieldSet difference(FieldSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    Set<FieldPath> s = new HashSet<>(members);
    s.removeAll(other.members);
    return of(s);
  }

  /** The paths in both sets. */
  public FieldSet intersection(FieldSet other) {
    Set<FieldPath> s = new HashSet<>(members);
    s.retainAll(other.members);
    return of(s);
  }

  /** This set without the paths that lie at or below any of {@code prefixes}. */
  public FieldSet withoutPrefixes(Collection<FieldPath> prefixes) {
    Set<FieldPath> s = new HashSet<>();
    for (FieldPath p : members) {
      boolean drop = false;
      for (FieldPath prefix : prefixes) {
        if (prefix.isPrefixOf(p)) {
          drop = true;
          break;
        }
      }
      if (!drop) {
        s.add(p);
      }
    }
    return s.size() == members.size() ? this : of(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && f.members.equals(members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  @Override
  public String toString() {
    return sorted().toString();
  }
}

package dev.keelson.watch.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable sorted map from {@code String} keys, as a persistent treap: every update returns a
 * new map sharing all untouched nodes with the old one (O(log n) new nodes), so a snapshot of the
 * cache at any revision is just a reference to its root. Priorities are a hash of the key, so the
 * shape depends only on the set of keys.
 *
 * <p>Keys compare as Java strings (UTF-16 code units); for the ASCII keys Kubernetes allows this is
 * the store's byte order.
 */
final class PersistentMap<V> {
  private static final PersistentMap<?> EMPTY = new PersistentMap<>(null);

  private final Node<V> root;

  private PersistentMap(Node<V> root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  static <V> PersistentMap<V> empty() {
    return (PersistentMap<V>) EMPTY;
  }

  int size() {
    return root == null ? 0 : root.size;
  }

  V get(String key) {
    Node<V> n = root;
    while (n != null) {
      int c = key.compareTo(n.key);
      if (c == 0) {
        return n.value;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  PersistentMap<V> put(String key, V value) {
    return new PersistentMap<>(put(root, key, value, priority(key)));
  }

  PersistentMap<V> remove(String key) {
    Node<V> r = remove(root, key);
    return r == root ? this : new PersistentMap<>(r);
  }

  /** The values whose keys are {@code > after} (or all, for {@code null}), ascending. */
  Iterator<V> valuesAfter(String after) {
    return new Iter<>(root, after, false);
  }

  /** The values whose keys are {@code >= from}, ascending. */
  Iterator<V> valuesFrom(String from) {
    return new Iter<>(root, from, true);
  }

  private static int priority(String key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static <V> Node<V> put(Node<V> t, String key, V value, int prio) {
    if (t == null) {
      return new Node<>(key, value, prio, null, null);
    }
    int c = key.compareTo(t.key);
    if (c == 0) {
      return new Node<>(key, value, t.prio, t.left, t.right);
    }
    if (c < 0) {
      Node<V> l = put(t.left, key, value, prio);
      if (l.prio > t.prio) { // rotate right
        return new Node<>(
            l.key, l.value, l.prio, l.left, new Node<>(t.key, t.value, t.prio, l.right, t.right));
      }
      return new Node<>(t.key, t.value, t.prio, l, t.right);
    }
    Node<V> r = put(t.right, key, value, prio);
    if (r.prio > t.prio) { // rotate left
      return new Node<>(
          r.key, r.value, r.prio, new Node<>(t.key, t.value, t.prio, t.left, r.left), r.right);
    }
    return new Node<>(t.key, t.value, t.prio, t.left, r);
  }

  private static <V> Node<V> remove(Node<V> t, String key) {
    if (t == null) {
      return null;
    }
    int c = key.compareTo(t.key);
    if (c == 0) {
      return merge(t.left, t.right);
    }
    if (c < 0) {
      Node<V> l = remove(t.left, key);
      return l == t.left ? t : new Node<>(t.key, t.value, t.prio, l, t.right);
    }
    Node<V> r = remove(t.right, key);
    return r == t.right ? t : new Node<>(t.key, t.value, t.prio, t.left, r);
  }

  /** Joins two treaps where every key of {@code a} is below every key of {@code b}. */
  private static <V> Node<V> merge(Node<V> a, Node<V> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.prio > b.prio) {
      return new Node<>(a.key, a.value, a.prio, a.left, merge(a.right, b));
    }
    return new Node<>(b.key, b.value, b.prio, merge(a, b.left), b.right);
  }

  private static final class Node<V> {
    final String key;
    final V value;
    final int prio;
    final Node<V> left;
    final Node<V> right;
    final int size;

    Node(String key, V value, int prio, Node<V> left, Node<V> right) {
      this.key = key;
      this.value = value;
      this.prio = prio;
      this.left = left;
      this.right = right;
      this.size = 1 + (left == null ? 0 : left.size) + (right == null ? 0 : right.size);
    }
  }

  /** In-order iteration starting at a bound, with an explicit stack. */
  private static final class Iter<V> implements Iterator<V> {
    private final ArrayDeque<Node<V>> stack = new ArrayDeque<>();

    Iter(Node<V> root, String bound, boolean inclusive) {
      Node<V> n = root;
      while (n != null) {
        int c = bound == null ? -1 : bound.compareTo(n.key);
        if (c < 0 || (c == 0 && inclusive)) {
          stack.push(n);
          n = n.left;
        } else {
          n = n.right;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !stack.isEmpty();
    }

    @Override
    public V next() {
      if (stack.isEmpty()) {
        throw new NoSuchElementException();
      }
      Node<V> n = stack.pop();
      Node<V> r = n.right;
      while (r != null) {
        stack.push(r);
        r = r.left;
      }
      return n.value;
    }
  }
}

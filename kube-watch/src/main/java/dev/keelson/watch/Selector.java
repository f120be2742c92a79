package dev.keelson.watch;

import java.util.Map;

/**
 * A predicate over a set of labels or fields, as Kubernetes' label and field selectors.
 *
 * <p>Label selectors see the object's {@code metadata.labels}; field selectors see the map made by
 * the resource's {@link FieldExtractor} (always including {@code metadata.name} and {@code
 * metadata.namespace}). Implementations must be thread-safe and side-effect free: one selector is
 * evaluated concurrently by the subscription threads.
 */
@FunctionalInterface
public interface Selector {
  /** Whether {@code values} (labels or fields) match. */
  boolean matches(Map<String, String> values);

  /** Whether this selector matches everything; lets the engine skip evaluating it. */
  default boolean matchesEverything() {
    return false;
  }

  /** The selector that matches every object. */
  static Selector everything() {
    return Everything.INSTANCE;
  }

  /** Matches sets holding every entry of {@code required} ({@code a=b,c=d}). */
  static Selector equalities(Map<String, String> required) {
    Map<String, String> copy = Map.copyOf(required);
    if (copy.isEmpty()) {
      return everything();
    }
    return values -> {
      for (Map.Entry<String, String> e : copy.entrySet()) {
        if (!e.getValue().equals(values.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    };
  }

  /** The match-everything selector. */
  enum Everything implements Selector {
    INSTANCE;

    @Override
    public boolean matches(Map<String, String> values) {
      return true;
    }

    @Override
    public boolean matchesEverything() {
      return true;
    }
  }
}

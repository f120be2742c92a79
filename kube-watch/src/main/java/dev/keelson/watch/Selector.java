package dev.keelson.watch;

import java.util.Map;

/**
 * A predicate over a set of labels or fields: how the cache sees Kubernetes' label and field
 * selectors. Make one from kube-api's selectors with {@link #labels(String)} and {@link
 * #fields(String)} (or their {@code dev.keelson.api.selector} overloads).
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

  /**
   * A key and value that every matching set holds (for example {@code app=web} of {@code
   * app=web,tier!=db}), or {@code null} if there is none or it is not known. The cache uses it to
   * visit only the events of objects with that label; a selector that reports one must never match
   * a set without it.
   */
  default Map.Entry<String, String> requiredEquality() {
    return null;
  }

  /** The selector that matches every object. */
  static Selector everything() {
    return Everything.INSTANCE;
  }

  /** A Kubernetes label selector ({@code dev.keelson.api.selector.Selector}). */
  static Selector labels(dev.keelson.api.selector.Selector selector) {
    if (selector.isEverything()) {
      return everything();
    }
    Map.Entry<String, String> required = null;
    for (dev.keelson.api.selector.Requirement r : selector.requirements()) {
      var exact = selector.requiresExactMatch(r.key());
      if (exact.isPresent()) {
        required = Map.entry(r.key(), exact.get());
        break;
      }
    }
    return new Predicates.Labels(selector, required);
  }

  /**
   * A label selector in Kubernetes' syntax ({@code app=web,tier in (a,b),!canary}).
   *
   * @throws dev.keelson.api.errors.BadRequestException if it does not parse
   */
  static Selector labels(String text) {
    try {
      return labels(dev.keelson.api.selector.Selector.parse(text));
    } catch (IllegalArgumentException e) {
      throw dev.keelson.api.errors.BadRequestException.of(e.getMessage());
    }
  }

  /** A Kubernetes field selector ({@code dev.keelson.api.selector.FieldSelector}). */
  static Selector fields(dev.keelson.api.selector.FieldSelector selector) {
    if (selector.isEverything()) {
      return everything();
    }
    return selector::matches;
  }

  /**
   * A field selector in Kubernetes' syntax ({@code metadata.name=web,status.phase!=Failed}).
   *
   * @throws dev.keelson.api.errors.BadRequestException if it does not parse
   */
  static Selector fields(String text) {
    try {
      return fields(dev.keelson.api.selector.FieldSelector.parse(text));
    } catch (IllegalArgumentException e) {
      throw dev.keelson.api.errors.BadRequestException.of(e.getMessage());
    }
  }

  /** Matches sets holding every entry of {@code required} ({@code a=b,c=d}). */
  static Selector equalities(Map<String, String> required) {
    Map<String, String> copy = Map.copyOf(required);
    if (copy.isEmpty()) {
      return everything();
    }
    return new Predicates.Equalities(copy);
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

package dev.keelson.controller.informer;

import java.time.Duration;
import java.util.Objects;

/**
 * What an informer watches and how. Informers of a {@link InformerFactory} are shared per resource
 * and {@link #scope()} (namespace and selectors); the other fields are tuning.
 *
 * @param namespace one namespace, or {@code null} for all namespaces (and cluster-scoped resources)
 * @param labelSelector server-side label selector, or {@code null}
 * @param fieldSelector server-side field selector, or {@code null}
 * @param resyncPeriod how often to re-deliver every cached object to the handlers as {@code
 *     onUpdate(obj, obj)}; {@link Duration#ZERO} for never
 * @param pageSize items per list page (the list follows continue tokens)
 * @param watchTimeout the server ends each watch after this long, plus up to as much again at
 *     random (client-go: 5 to 10 minutes); the informer then watches again from where it was
 * @param initialBackoff first delay after a failed list or watch; doubles per failure, with jitter
 * @param maxBackoff the longest delay between attempts
 */
public record InformerOptions(
    String namespace,
    String labelSelector,
    String fieldSelector,
    Duration resyncPeriod,
    int pageSize,
    Duration watchTimeout,
    Duration initialBackoff,
    Duration maxBackoff) {

  private static final InformerOptions DEFAULTS =
      new InformerOptions(
          null,
          null,
          null,
          Duration.ZERO,
          500,
          Duration.ofMinutes(5),
          Duration.ofMillis(800),
          Duration.ofSeconds(30));

  public InformerOptions {
    Objects.requireNonNull(resyncPeriod, "resyncPeriod");
    Objects.requireNonNull(watchTimeout, "watchTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    if (resyncPeriod.isNegative() || initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    namespace = blankToNull(namespace);
    labelSelector = blankToNull(labelSelector);
    fieldSelector = blankToNull(fieldSelector);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** All namespaces, no selectors, no resync, pages of 500. */
  public static InformerOptions defaults() {
    return DEFAULTS;
  }

  /** The defaults, in one namespace. */
  public static InformerOptions inNamespace(String namespace) {
    return DEFAULTS.withNamespace(namespace);
  }

  public InformerOptions withNamespace(String namespace) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withLabelSelector(String labelSelector) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withFieldSelector(String fieldSelector) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withResyncPeriod(Duration resyncPeriod) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withPageSize(int pageSize) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withWatchTimeout(Duration watchTimeout) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  public InformerOptions withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new InformerOptions(
        namespace,
        labelSelector,
        fieldSelector,
        resyncPeriod,
        pageSize,
        watchTimeout,
        initialBackoff,
        maxBackoff);
  }

  /** What makes two informers of one resource the same: namespace and selectors. */
  public Scope scope() {
    return new Scope(namespace, labelSelector, fieldSelector);
  }

  /** The identity of a shared informer within its resource. */
  public record Scope(String namespace, String labelSelector, String fieldSelector) {}
}

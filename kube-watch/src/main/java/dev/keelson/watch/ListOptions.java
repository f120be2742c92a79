package dev.keelson.watch;

/**
 * What a list returns, with Kubernetes' resource-version semantics.
 *
 * <ul>
 *   <li>{@code resourceVersion} {@code null} or empty: a consistent read, at least as new as the
 *       store's revision when the list starts;
 *   <li>{@code "0"}: whatever the cache holds now (may be stale by the time it arrives);
 *   <li>{@code "N"} with {@link ResourceVersionMatch#NOT_OLDER_THAN} (or unset): the cache's state
 *       once it has reached N (504 if it does not in time);
 *   <li>{@code "N"} with {@link ResourceVersionMatch#EXACT}: the state at exactly N (410 Expired if
 *       neither the cache nor the store still holds it).
 * </ul>
 *
 * <p>{@code continueToken} continues a paginated list at the revision of its first page; the other
 * options must be the same as for the first page.
 *
 * @param namespace only this namespace; {@code null} for all
 * @param labelSelector matched against labels
 * @param fieldSelector matched against the selectable fields
 * @param limit at most this many items; 0 for all
 * @param continueToken the {@code continue} value of the previous page, or {@code null}
 * @param resourceVersion see above
 * @param resourceVersionMatch see above; {@code null} for unset
 */
public record ListOptions(
    String namespace,
    Selector labelSelector,
    Selector fieldSelector,
    long limit,
    String continueToken,
    String resourceVersion,
    ResourceVersionMatch resourceVersionMatch) {

  public ListOptions {
    namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    labelSelector = labelSelector == null ? Selector.everything() : labelSelector;
    fieldSelector = fieldSelector == null ? Selector.everything() : fieldSelector;
    continueToken = continueToken == null || continueToken.isEmpty() ? null : continueToken;
    resourceVersion = resourceVersion == null || resourceVersion.isEmpty() ? null : resourceVersion;
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
  }

  /** Every object, consistently, in one page. */
  public static ListOptions all() {
    return new ListOptions(null, null, null, 0, null, null, null);
  }

  public ListOptions inNamespace(String namespace) {
    return new ListOptions(
        namespace,
        labelSelector,
        fieldSelector,
        limit,
        continueToken,
        resourceVersion,
        resourceVersionMatch);
  }

  public ListOptions withLabels(Selector selector) {
    return new ListOptions(
        namespace,
        selector,
        fieldSelector,
        limit,
        continueToken,
        resourceVersion,
        resourceVersionMatch);
  }

  public ListOptions withFields(Selector selector) {
    return new ListOptions(
        namespace,
        labelSelector,
        selector,
        limit,
        continueToken,
        resourceVersion,
        resourceVersionMatch);
  }

  public ListOptions withLimit(long limit) {
    return new ListOptions(
        namespace,
        labelSelector,
        fieldSelector,
        limit,
        continueToken,
        resourceVersion,
        resourceVersionMatch);
  }

  public ListOptions continuing(String continueToken) {
    return new ListOptions(
        namespace,
        labelSelector,
        fieldSelector,
        limit,
        continueToken,
        resourceVersion,
        resourceVersionMatch);
  }

  public ListOptions atResourceVersion(String resourceVersion, ResourceVersionMatch match) {
    return new ListOptions(
        namespace, labelSelector, fieldSelector, limit, continueToken, resourceVersion, match);
  }

  /** Whether {@code object} passes the namespace, label and field filters. */
  public boolean matches(StoredObject object) {
    return (namespace == null || namespace.equals(object.namespace()))
        && (labelSelector.matchesEverything() || labelSelector.matches(object.labels()))
        && (fieldSelector.matchesEverything() || fieldSelector.matches(object.fields()));
  }

  /** Kubernetes' {@code resourceVersionMatch}. */
  public enum ResourceVersionMatch {
    NOT_OLDER_THAN,
    EXACT
  }
}

package dev.keelson.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of a list ({@code metav1.ListOptions}); every field is optional ({@code null} = unset).
 *
 * @param labelSelector for example {@code app=web,tier!=db}
 * @param fieldSelector for example {@code metadata.name=web}
 * @param limit the most items per page; the answer then carries a continue token
 * @param continueToken the token of the previous page ({@code continue} on the wire)
 * @param resourceVersion {@code "0"} (any, from cache), a version, or unset (most recent)
 * @param resourceVersionMatch {@code NotOlderThan} or {@code Exact}; needs a resourceVersion
 */
public record ListOptions(
    String labelSelector,
    String fieldSelector,
    Long limit,
    String continueToken,
    String resourceVersion,
    String resourceVersionMatch) {

  private static final ListOptions NONE = new ListOptions(null, null, null, null, null, null);

  /** No options: the whole collection in one answer. */
  public static ListOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .labelSelector(labelSelector)
        .fieldSelector(fieldSelector)
        .limit(limit)
        .continueToken(continueToken)
        .resourceVersion(resourceVersion)
        .resourceVersionMatch(resourceVersionMatch);
  }

  /** These options for the page after the one that answered {@code token}. */
  public ListOptions withContinue(String token) {
    return new ListOptions(
        labelSelector, fieldSelector, limit, token, resourceVersion, resourceVersionMatch);
  }

  /** The query parameters, in a stable order. */
  List<Map.Entry<String, String>> query() {
    List<Map.Entry<String, String>> q = new ArrayList<>();
    add(q, "labelSelector", labelSelector);
    add(q, "fieldSelector", fieldSelector);
    add(q, "limit", limit == null ? null : limit.toString());
    add(q, "continue", continueToken);
    add(q, "resourceVersion", resourceVersion);
    add(q, "resourceVersionMatch", resourceVersionMatch);
    return q;
  }

  static void add(List<Map.Entry<String, String>> q, String name, String value) {
    if (value != null && !value.isEmpty()) {
      q.add(Map.entry(name, value));
    }
  }

  /** Builds {@link ListOptions}. */
  public static final class Builder {
    private String labelSelector;
    private String fieldSelector;
    private Long limit;
    private String continueToken;
    private String resourceVersion;
    private String resourceVersionMatch;

    private Builder() {}

    public Builder labelSelector(String labelSelector) {
      this.labelSelector = labelSelector;
      return this;
    }

    public Builder fieldSelector(String fieldSelector) {
      this.fieldSelector = fieldSelector;
      return this;
    }

    public Builder limit(Long limit) {
      this.limit = limit;
      return this;
    }

    public Builder limit(long limit) {
      this.limit = limit;
      return this;
    }

    public Builder continueToken(String continueToken) {
      this.continueToken = continueToken;
      return this;
    }

    public Builder resourceVersion(String resourceVersion) {
      this.resourceVersion = resourceVersion;
      return this;
    }

    public Builder resourceVersionMatch(String resourceVersionMatch) {
      this.resourceVersionMatch = resourceVersionMatch;
      return this;
    }

    public ListOptions build() {
      return new ListOptions(
          labelSelector,
          fieldSelector,
          limit,
          continueToken,
          resourceVersion,
          resourceVersionMatch);
    }
  }
}

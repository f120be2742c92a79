package dev.keelson.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of a watch; every field is optional ({@code null} = unset).
 *
 * @param labelSelector for example {@code app=web}
 * @param fieldSelector for example {@code metadata.name=web}
 * @param resourceVersion start after this version; unset or {@code "0"} first sends a synthetic
 *     {@code ADDED} for every current object. A version older than the server keeps ends the watch
 *     with a {@link dev.keelson.api.errors.GoneException} (list again).
 * @param allowBookmarks ask for {@code BOOKMARK} events (they only carry a resource version)
 * @param timeout ask the server to end the watch cleanly after this long (whole seconds)
 * @param sendInitialEvents stream the current state first, then a bookmark marking its end (sends
 *     {@code resourceVersionMatch=NotOlderThan})
 */
public record WatchOptions(
    String labelSelector,
    String fieldSelector,
    String resourceVersion,
    Boolean allowBookmarks,
    Duration timeout,
    Boolean sendInitialEvents) {

  private static final WatchOptions NONE = new WatchOptions(null, null, null, null, null, null);

  /** No options: every object, starting with the current state. */
  public static WatchOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .labelSelector(labelSelector)
        .fieldSelector(fieldSelector)
        .resourceVersion(resourceVersion)
        .allowBookmarks(allowBookmarks)
        .timeout(timeout)
        .sendInitialEvents(sendInitialEvents);
  }

  /** The query parameters, {@code watch=true} first. */
  List<Map.Entry<String, String>> query() {
    List<Map.Entry<String, String>> q = new ArrayList<>();
    q.add(Map.entry("watch", "true"));
    ListOptions.add(q, "labelSelector", labelSelector);
    ListOptions.add(q, "fieldSelector", fieldSelector);
    ListOptions.add(q, "resourceVersion", resourceVersion);
    if (Boolean.TRUE.equals(allowBookmarks)) {
      q.add(Map.entry("allowWatchBookmarks", "true"));
    }
    if (timeout != null) {
      q.add(Map.entry("timeoutSeconds", Long.toString(Math.max(1, timeout.toSeconds()))));
    }
    if (Boolean.TRUE.equals(sendInitialEvents)) {
      q.add(Map.entry("sendInitialEvents", "true"));
      q.add(Map.entry("resourceVersionMatch", "NotOlderThan"));
    }
    return q;
  }

  /** Builds {@link WatchOptions}. */
  public static final class Builder {
    private String labelSelector;
    private String fieldSelector;
    private String resourceVersion;
    private Boolean allowBookmarks;
    private Duration timeout;
    private Boolean sendInitialEvents;

    private Builder() {}

    public Builder labelSelector(String labelSelector) {
      this.labelSelector = labelSelector;
      return this;
    }

    public Builder fieldSelector(String fieldSelector) {
      this.fieldSelector = fieldSelector;
      return this;
    }

    public Builder resourceVersion(String resourceVersion) {
      this.resourceVersion = resourceVersion;
      return this;
    }

    public Builder allowBookmarks(Boolean allowBookmarks) {
      this.allowBookmarks = allowBookmarks;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder sendInitialEvents(Boolean sendInitialEvents) {
      this.sendInitialEvents = sendInitialEvents;
      return this;
    }

    public WatchOptions build() {
      return new WatchOptions(
          labelSelector,
          fieldSelector,
          resourceVersion,
          allowBookmarks,
          timeout,
          sendInitialEvents);
    }
  }
}

package dev.keelson.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * What a subscription receives and for how long. Start from {@link #all()} and refine with the
 * {@code with} methods: {@code WatchOptions.all().inNamespace("default").withLabels(sel)
 * .startingAt(StartAt.after(42)).withBookmarks(true).withTimeout(Duration.ofMinutes(5))}.
 *
 * @param namespace only objects in this namespace; {@code null} for every namespace
 * @param labelSelector matched against {@code metadata.labels}
 * @param fieldSelector matched against the resource's selectable fields
 * @param start where the subscription starts
 * @param bookmarks whether to send periodic BOOKMARK events ({@code allowWatchBookmarks})
 * @param timeout after this the subscription ends cleanly, without an error; {@link Duration#ZERO}
 *     for none ({@code timeoutSeconds})
 * @param bufferEvents how far, in events of the resource, the subscriber may fall behind before it
 *     is ended with 410 Expired; 0 for the cache's default
 */
public record WatchOptions(
    String namespace,
    Selector labelSelector,
    Selector fieldSelector,
    StartAt start,
    boolean bookmarks,
    Duration timeout,
    int bufferEvents) {

  public WatchOptions {
    namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    labelSelector = labelSelector == null ? Selector.everything() : labelSelector;
    fieldSelector = fieldSelector == null ? Selector.everything() : fieldSelector;
    start = start == null ? StartAt.now() : start;
    timeout = timeout == null ? Duration.ZERO : timeout;
    if (timeout.isNegative() || bufferEvents < 0) {
      throw new IllegalArgumentException("timeout and bufferEvents must not be negative");
    }
  }

  /** Every object, starting now, no bookmarks, no timeout. */
  public static WatchOptions all() {
    return new WatchOptions(null, null, null, null, false, null, 0);
  }

  public WatchOptions inNamespace(String namespace) {
    return new WatchOptions(
        namespace, labelSelector, fieldSelector, start, bookmarks, timeout, bufferEvents);
  }

  public WatchOptions withLabels(Selector selector) {
    return new WatchOptions(
        namespace, selector, fieldSelector, start, bookmarks, timeout, bufferEvents);
  }

  public WatchOptions withFields(Selector selector) {
    return new WatchOptions(
        namespace, labelSelector, selector, start, bookmarks, timeout, bufferEvents);
  }

  public WatchOptions startingAt(StartAt start) {
    return new WatchOptions(
        namespace,
        labelSelector,
        fieldSelector,
        Objects.requireNonNull(start),
        bookmarks,
        timeout,
        bufferEvents);
  }

  public WatchOptions withBookmarks(boolean bookmarks) {
    return new WatchOptions(
        namespace, labelSelector, fieldSelector, start, bookmarks, timeout, bufferEvents);
  }

  public WatchOptions withTimeout(Duration timeout) {
    return new WatchOptions(
        namespace, labelSelector, fieldSelector, start, bookmarks, timeout, bufferEvents);
  }

  public WatchOptions withBufferEvents(int bufferEvents) {
    return new WatchOptions(
        namespace, labelSelector, fieldSelector, start, bookmarks, timeout, bufferEvents);
  }

  /** Whether {@code object} passes the namespace, label and field filters. */
  public boolean matches(StoredObject object) {
    return (namespace == null || namespace.equals(object.namespace()))
        && (labelSelector.matchesEverything() || labelSelector.matches(object.labels()))
        && (fieldSelector.matchesEverything() || fieldSelector.matches(object.fields()));
  }
}

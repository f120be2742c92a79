package dev.keelson.watch;

/**
 * Receives the events of one subscription.
 *
 * <p>Threading and ordering: calls for one subscription come from one thread (a virtual thread of
 * its own), one at a time, in resource-version order; no event is delivered twice or skipped. The
 * sink may block (an HTTP watch writing to a slow socket): that delays only this subscription, and
 * if it falls further behind than its buffer allows it is ended with 410 Expired once the sink
 * returns. A sink that throws ends its subscription with that exception.
 *
 * <p>An ERROR event is always the last event of a subscription.
 */
@FunctionalInterface
public interface EventSink {
  /** Handles one event. */
  void accept(Event event) throws Exception;

  /**
   * A sink handing typed objects to {@code listener} (in-process consumers): object events are
   * converted with {@link Event#objectAs(Class)}; bookmarks and errors are passed with a {@code
   * null} object.
   */
  static <T> EventSink typed(Class<T> type, TypedListener<T> listener) {
    return event ->
        listener.onEvent(
            event.type(),
            event.type() == EventType.BOOKMARK || event.type() == EventType.ERROR
                ? null
                : event.objectAs(type),
            event);
  }

  /** Receives typed objects; see {@link EventSink#typed}. */
  @FunctionalInterface
  interface TypedListener<T> {
    void onEvent(EventType type, T object, Event event) throws Exception;
  }
}

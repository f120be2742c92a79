package dev.keelson.client;

import dev.keelson.api.meta.WatchEvent;

/**
 * Receives the events of a {@link Watch}: {@code ADDED}, {@code MODIFIED}, {@code DELETED} with the
 * object, and {@code BOOKMARK} (only when asked for) whose object carries just {@code kind}, {@code
 * apiVersion} and {@code metadata.resourceVersion}. {@code ERROR} events are not delivered: they
 * end the watch ({@link Watch#terminated()}).
 */
@FunctionalInterface
public interface WatchListener<T> {
  void onEvent(WatchEvent<T> event) throws Exception;
}

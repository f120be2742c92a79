package dev.keelson.client;

import java.util.concurrent.CompletionStage;

/**
 * A running watch. Events go to the {@link WatchListener} one at a time, in the server's order, on
 * one thread of the watch.
 *
 * <p>{@link #terminated()} completes normally when the server ends the stream (its timeout) or
 * {@link #close()} is called; exceptionally with the {@link dev.keelson.api.errors.ApiException} of
 * an {@code ERROR} event ({@link dev.keelson.api.errors.GoneException} for 410: the resource
 * version is too old, list again), with a {@link ConnectionException} when the connection breaks,
 * or with what the listener threw (which ends the watch).
 */
public interface Watch extends AutoCloseable {
  /**
   * Completes when the watch has ended. After the server or an error ended it, no event follows;
   * after {@link #close()}, one event that was already being delivered may still finish.
   */
  CompletionStage<Void> terminated();

  /** Ends the watch and completes {@link #terminated()} normally; idempotent, any thread. */
  @Override
  void close();
}

package dev.keelson.controller.manager;

/**
 * Something a {@link Manager} starts and stops (controller-runtime's {@code Runnable}): a
 * controller, a periodic job, a server. {@link #start()} returns promptly (the work runs on the
 * component's own threads); {@link #close()} stops it and waits, bounded, for work in flight.
 */
public interface Component extends AutoCloseable {
  /** Starts the work; called once. */
  void start() throws Exception;

  /** Stops the work; may be called more than once, and without {@link #start()}. */
  @Override
  void close();
}

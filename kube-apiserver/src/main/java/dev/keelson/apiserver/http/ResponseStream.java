package dev.keelson.apiserver.http;

import java.io.IOException;

/**
 * The body of a streamed response. {@link #write} sends one chunk and flushes it; it blocks while
 * the client is not reading (bounded: a client that reads nothing for the server's write timeout is
 * disconnected and the write fails). Not thread-safe: one writer at a time.
 */
public interface ResponseStream extends AutoCloseable {
  /**
   * Sends and flushes a chunk.
   *
   * @throws IOException if the client is gone or too slow
   */
  void write(byte[] chunk) throws IOException;

  /** Ends the response. Idempotent. */
  @Override
  void close();
}

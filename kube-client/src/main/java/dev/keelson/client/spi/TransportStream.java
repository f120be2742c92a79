package dev.keelson.client.spi;

import java.io.InputStream;

/**
 * A streaming answer: the status code, then the body as it arrives. {@link #close()} ends the
 * request (and unblocks a reader of {@link #body()}); it may be called from any thread, more than
 * once.
 */
public interface TransportStream extends AutoCloseable {
  /** The HTTP status code. */
  int code();

  /** The first value of a response header (lower-case name), or {@code null}. */
  String header(String name);

  /** The body; reads block until data arrives and return -1 once the server ends the answer. */
  InputStream body();

  @Override
  void close();
}

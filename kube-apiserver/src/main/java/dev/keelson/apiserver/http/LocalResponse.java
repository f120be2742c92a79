package dev.keelson.apiserver.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The answer to an in-process request ({@link RequestRunner#dispatch}): the status, the headers,
 * and the body, whole or streamed. {@link #close()} ends a streamed answer (the handler sees its
 * exchange {@linkplain Exchange#closed() closed}) and unblocks a reader; idempotent, any thread.
 */
public final class LocalResponse implements AutoCloseable {
  private final int code;
  private final Map<String, String> headers;
  private final byte[] whole;
  private final LocalPipe pipe;

  private LocalResponse(int code, Map<String, String> headers, byte[] whole, LocalPipe pipe) {
    this.code = code;
    this.headers = Map.copyOf(headers);
    this.whole = whole;
    this.pipe = pipe;
  }

  static LocalResponse whole(int code, Map<String, String> headers, byte[] body) {
    return new LocalResponse(code, headers, body, null);
  }

  static LocalResponse streamed(int code, Map<String, String> headers, LocalPipe pipe) {
    return new LocalResponse(code, headers, null, pipe);
  }

  /** The HTTP status code. */
  public int code() {
    return code;
  }

  /** The response headers (names as the handler set them; the server's are lower case). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Whether the body is a stream (a watch) rather than a whole answer. */
  public boolean streaming() {
    return pipe != null;
  }

  /** The body: reads block until data arrives and return -1 once the handler ends the answer. */
  public InputStream body() {
    return pipe != null ? pipe.input() : new ByteArrayInputStream(whole);
  }

  /**
   * The whole body; for a streamed answer, reads until the handler ends it.
   *
   * @throws IOException if a streamed answer broke off
   */
  public byte[] bytes() throws IOException {
    if (pipe == null) {
      return whole;
    }
    try (InputStream in = pipe.input()) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    if (pipe != null) {
      pipe.closeReader();
    }
  }
}

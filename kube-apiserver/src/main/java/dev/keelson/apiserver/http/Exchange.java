package dev.keelson.apiserver.http;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A request and the means to answer it. */
public interface Exchange {
  Request request();

  /**
   * Sends a complete response.
   *
   * @throws IllegalStateException if a response was already sent
   */
  void respond(int status, Map<String, String> headers, byte[] body);

  /**
   * Starts a streamed response (chunked on HTTP/1.1, DATA frames on HTTP/2), as watches and log
   * follows need. A streamed request no longer counts against the in-flight request limit.
   *
   * @throws IllegalStateException if a response was already sent
   */
  ResponseStream stream(int status, Map<String, String> headers);

  /** Completes when the connection (or HTTP/2 stream) closes, for whatever reason. */
  CompletionStage<Void> closed();

  /** Completes when the server starts shutting down: long-running responses should end now. */
  CompletionStage<Void> shuttingDown();
}

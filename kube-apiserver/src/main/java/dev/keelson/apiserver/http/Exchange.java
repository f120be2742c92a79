package dev.keelson.apiserver.http;

import java.io.IOException;
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
   * Whether {@link #respond} would send a body of {@code bodyBytes} bytes gzipped: the client
   * accepts gzip and the transport compresses bodies this large ({@link Gzip#MIN_BYTES}). A handler
   * that already holds the gzipped form of such a body may send it itself, with {@code
   * content-encoding: gzip} among the headers ({@link Gzip#GZIPPED_JSON}); {@link #respond} does
   * not compress a body that has a {@code content-encoding}.
   */
  default boolean gzips(long bodyBytes) {
    return false;
  }

  /**
   * Starts a streamed response (chunked on HTTP/1.1, DATA frames on HTTP/2), as watches and log
   * follows need. A streamed request no longer counts against the in-flight request limit.
   *
   * @throws IllegalStateException if a response was already sent
   */
  ResponseStream stream(int status, Map<String, String> headers);

  /**
   * Accepts a WebSocket upgrade (RFC 6455) of this HTTP/1.1 request: answers 101 Switching
   * Protocols with {@code subprotocol} (which the client must have offered) and replaces the HTTP
   * codec with WebSocket frame codecs (frames larger than {@code maxFramePayloadBytes} close the
   * connection with 1009). The connection no longer counts against the in-flight limit.
   *
   * <p>Reading is off when this returns: the caller adds its frame handler at the end of the
   * returned channel's pipeline (it receives {@code WebSocketFrame}s, pings included) and then
   * turns reading on. The connection is never reused for HTTP.
   *
   * @throws IllegalStateException if a response was already sent
   * @throws IOException if the client is gone before the 101 is written
   * @throws UnsupportedOperationException on HTTP/2 (kubectl upgrades over HTTP/1.1)
   */
  default io.netty.channel.Channel upgradeToWebSocket(String subprotocol, int maxFramePayloadBytes)
      throws IOException {
    throw new UnsupportedOperationException("WebSocket upgrades need HTTP/1.1");
  }

  /**
   * The client certificate chain the TLS connection presented (leaf first), unverified: the server
   * asks for one but accepts the handshake without it; authentication verifies it. Empty without
   * TLS or without a client certificate.
   */
  default java.util.List<java.security.cert.X509Certificate> clientCertificates() {
    return java.util.List.of();
  }

  /** Completes when the connection (or HTTP/2 stream) closes, for whatever reason. */
  CompletionStage<Void> closed();

  /** Completes when the server starts shutting down: long-running responses should end now. */
  CompletionStage<Void> shuttingDown();
}

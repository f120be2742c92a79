package dev.keelson.client;

import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.api.meta.Status;

/**
 * The client got no answer from the server: connection refused, TLS handshake failed, timeout, or
 * the connection broke off mid-exchange. Raised on the client side only, never by a server.
 *
 * <p>It is a {@link ServiceUnavailableException} (code 503, reason {@code ServiceUnavailable}), so
 * callers that retry "server cannot serve now" handle both alike; catch this class to tell the
 * cases apart. The cause is the underlying {@link java.io.IOException}.
 */
public class ConnectionException extends ServiceUnavailableException {
  @SuppressWarnings("this-escape")
  public ConnectionException(String message, Throwable cause) {
    super(Status.failure(503, "ServiceUnavailable", message, null));
    initCause(cause);
  }
}

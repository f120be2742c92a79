package dev.keelson.client.spi;

import dev.keelson.client.ConnectionException;

/**
 * Carries requests of the Kubernetes API to a server: over HTTP ({@link
 * dev.keelson.client.KubeClient#connect}) or in-process inside the API server (kube-apiserver's
 * {@code ApiServer.inProcessTransport()}).
 *
 * <p>A transport does not interpret answers: any status code comes back as a response; the client
 * turns non-2xx answers into {@link dev.keelson.api.errors.ApiException}s. A transport only fails
 * for requests that got no answer, with a {@link ConnectionException}.
 *
 * <p>Implementations are thread-safe: many requests and streams run at once.
 */
public interface Transport extends AutoCloseable {
  /**
   * Sends a request and returns the whole answer.
   *
   * @throws ConnectionException if the server could not be reached or the exchange broke off
   */
  TransportResponse send(TransportRequest request);

  /**
   * Sends a request whose answer is a stream (a watch). Returns once the status and headers have
   * arrived; the body is read as it comes. Closing the stream ends the request.
   *
   * @throws ConnectionException if the server could not be reached
   */
  TransportStream stream(TransportRequest request);

  /** Releases connections; requests after closing fail. */
  @Override
  void close();
}

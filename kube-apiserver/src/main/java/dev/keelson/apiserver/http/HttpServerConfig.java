package dev.keelson.apiserver.http;

import dev.keelson.apiserver.tls.IssuedCertificate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens.
 *
 * @param port 0 picks a free port
 * @param tls the serving certificate, or {@code null} for plain HTTP/1.1 (tests only)
 * @param maxBodyBytes larger request bodies answer 413 (kube-apiserver: 3 MiB)
 * @param maxInFlight concurrent non-streaming requests; more answer 429 with Retry-After
 * @param writeTimeout how long a streamed response may wait for a client that reads nothing
 * @param clientCertificateIssuers with TLS, the CAs whose client certificates the server asks for
 *     (TLS client auth "optional": the handshake succeeds with any certificate or none, and the
 *     request's authentication verifies what was presented); empty asks for none
 */
public record HttpServerConfig(
    InetAddress bindAddress,
    int port,
    IssuedCertificate tls,
    int maxBodyBytes,
    int maxInFlight,
    Duration writeTimeout,
    java.util.List<java.security.cert.X509Certificate> clientCertificateIssuers) {

  /** kube-apiserver's request body limit: 3 MiB. */
  public static final int DEFAULT_MAX_BODY = 3 * 1024 * 1024;

  public HttpServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535: " + port);
    }
    if (maxBodyBytes <= 0 || maxInFlight <= 0) {
      throw new IllegalArgumentException("maxBodyBytes and maxInFlight must be positive");
    }
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    clientCertificateIssuers =
        clientCertificateIssuers == null
            ? java.util.List.of()
            : java.util.List.copyOf(clientCertificateIssuers);
  }

  /** A configuration that asks for no client certificates. */
  public HttpServerConfig(
      InetAddress bindAddress,
      int port,
      IssuedCertificate tls,
      int maxBodyBytes,
      int maxInFlight,
      Duration writeTimeout) {
    this(bindAddress, port, tls, maxBodyBytes, maxInFlight, writeTimeout, java.util.List.of());
  }

  /** Loopback, the given port and certificate, and kube-apiserver's default limits. */
  public static HttpServerConfig loopback(int port, IssuedCertificate tls) {
    return new HttpServerConfig(
        InetAddress.getLoopbackAddress(), port, tls, DEFAULT_MAX_BODY, 400, Duration.ofSeconds(30));
  }
}

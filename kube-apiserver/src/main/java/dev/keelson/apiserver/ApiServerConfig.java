package dev.keelson.apiserver;

import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.apiserver.http.HttpServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link ApiServer} runs.
 *
 * @param bindAddress where to listen; the serving certificate names it too
 * @param port 0 picks a free port
 * @param tls whether to serve TLS (HTTP/2 and HTTP/1.1); plain HTTP/1.1 is for tests
 * @param certificateAuthority the CA that signs the serving and admin certificates; {@code null}
 *     generates one
 * @param extraServerNames host names and addresses the serving certificate must also name
 * @param maxBodyBytes request body limit (kube-apiserver: 3 MiB)
 * @param maxInFlight concurrent non-long-running requests before 429
 * @param storeUri the store to serve from: {@code memory:}, {@code file:DIR} or {@code etcd://...}
 * @param registry the resources to serve
 */
public record ApiServerConfig(
    InetAddress bindAddress,
    int port,
    boolean tls,
    CertificateAuthority certificateAuthority,
    List<String> extraServerNames,
    int maxBodyBytes,
    int maxInFlight,
    InstantSource clock,
    String storeUri,
    ResourceRegistry registry) {

  public ApiServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    extraServerNames = List.copyOf(extraServerNames);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(storeUri, "storeUri");
    Objects.requireNonNull(registry, "registry");
  }

  /** TLS on loopback at {@code port} with a generated CA and kube-apiserver's limits. */
  public static ApiServerConfig loopback(int port) {
    return new ApiServerConfig(
        InetAddress.getLoopbackAddress(),
        port,
        true,
        null,
        List.of(),
        HttpServerConfig.DEFAULT_MAX_BODY,
        400,
        InstantSource.system(),
        "memory:",
        ResourceRegistry.builtins());
  }

  /** This configuration without TLS (plain HTTP/1.1; for tests). */
  public ApiServerConfig plain() {
    return new ApiServerConfig(
        bindAddress,
        port,
        false,
        certificateAuthority,
        extraServerNames,
        maxBodyBytes,
        maxInFlight,
        clock,
        storeUri,
        registry);
  }

  /** This configuration with another store. */
  public ApiServerConfig withStore(String uri) {
    return new ApiServerConfig(
        bindAddress,
        port,
        tls,
        certificateAuthority,
        extraServerNames,
        maxBodyBytes,
        maxInFlight,
        clock,
        uri,
        registry);
  }

  HttpServerConfig http(dev.keelson.apiserver.tls.IssuedCertificate serving) {
    return new HttpServerConfig(
        bindAddress, port, serving, maxBodyBytes, maxInFlight, Duration.ofSeconds(30));
  }
}

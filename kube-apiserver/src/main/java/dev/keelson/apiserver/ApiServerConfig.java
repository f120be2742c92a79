package dev.keelson.apiserver;

import dev.keelson.api.KubeModel;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.auth.AuthConfig;
import dev.keelson.apiserver.http.HttpServerConfig;
import dev.keelson.apiserver.kubelet.KubeletClientConfig;
import dev.keelson.apiserver.openapi.CustomResourceSchemas;
import dev.keelson.apiserver.tls.CertificateAuthority;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link ApiServer} runs. Derive variants with the generated {@code withX} methods, for
 * example {@code ApiServerConfig.loopback(0).withStoreUri("file:/var/lib/keelson")}.
 *
 * @param bindAddress where to listen; the serving certificate names it too
 * @param port 0 picks a free port; {@link #NO_LISTENER} ({@code -1}) opens no network listener at
 *     all: the server is reached only in-process ({@link ApiServer#inProcessClient()})
 * @param tls whether to serve TLS (HTTP/2 and HTTP/1.1); plain HTTP/1.1 is for tests
 * @param certificateAuthority the CA that signs the serving and admin certificates; {@code null}
 *     generates one
 * @param extraServerNames host names and addresses the serving certificate must also name
 * @param maxBodyBytes request body limit (kube-apiserver: 3 MiB)
 * @param maxInFlight concurrent non-long-running requests before 429
 * @param registry the resources served; discovery and OpenAPI read it at every request, so
 *     resources registered or removed later (CRDs) show at once
 * @param customResourceSchemas the OpenAPI schemas of custom resources (from their CRDs)
 * @param aggregatedDiscovery whether {@code /api} and {@code /apis} answer aggregated discovery
 *     when asked (kube-apiserver's {@code AggregatedDiscoveryEndpoint}, on by default); off,
 *     clients fall back to the legacy documents
 * @param storeUri the store to serve from: {@code memory:} (default), {@code file:DIR} or {@code
 *     etcd://host:port,...}
 * @param kubelet how to reach node agents for pod logs, exec and attach (port, address types, TLS
 *     verification: {@code kubelet.insecureSkipTlsVerify} is kube-apiserver's {@code
 *     --kubelet-insecure-skip-tls-verify}); {@code null} means {@link
 *     KubeletClientConfig#defaults()}
 * @param serviceRanges the Service cluster IP and node port ranges ({@code null}: kube-apiserver's
 *     defaults, {@code 10.96.0.0/12} and {@code 30000-32767})
 * @param admissionPlugins the admission plugins every write goes through, by name, in order
 *     (kube-apiserver's {@code --enable-admission-plugins}); {@code null} means {@link
 *     AdmissionPlugins#DEFAULTS}. Names are the built-ins' ({@link AdmissionPlugins}) and those of
 *     the {@link dev.keelson.apiserver.admission.AdmissionPluginProvider}s on the class path
 * @param auth authentication and authorization ({@code null}: {@link AuthConfig#DEFAULT}, on for
 *     TLS servers, whose admin credentials are in {@code system:masters}, off for plain HTTP)
 */
@KubeModel
public record ApiServerConfig(
    InetAddress bindAddress,
    int port,
    boolean tls,
    CertificateAuthority certificateAuthority,
    List<String> extraServerNames,
    int maxBodyBytes,
    int maxInFlight,
    InstantSource clock,
    ResourceRegistry registry,
    CustomResourceSchemas customResourceSchemas,
    boolean aggregatedDiscovery,
    String storeUri,
    KubeletClientConfig kubelet,
    ServiceRanges serviceRanges,
    List<String> admissionPlugins,
    AuthConfig auth)
    implements ApiServerConfigBuilder.With {

  /** The {@link #port()} that opens no network listener. */
  public static final int NO_LISTENER = -1;

  public ApiServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < NO_LISTENER || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, or -1 for no listener: " + port);
    }
    extraServerNames = List.copyOf(extraServerNames);
    Objects.requireNonNull(clock, "clock");
    registry = registry == null ? ResourceRegistry.builtins() : registry;
    customResourceSchemas =
        customResourceSchemas == null ? CustomResourceSchemas.NONE : customResourceSchemas;
    kubelet = kubelet == null ? KubeletClientConfig.defaults() : kubelet;
    serviceRanges = serviceRanges == null ? ServiceRanges.DEFAULT : serviceRanges;
    admissionPlugins =
        admissionPlugins == null ? AdmissionPlugins.DEFAULTS : List.copyOf(admissionPlugins);
    auth = auth == null ? AuthConfig.DEFAULT : auth;
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
        ResourceRegistry.builtins(),
        CustomResourceSchemas.NONE,
        true,
        "memory:",
        KubeletClientConfig.defaults(),
        ServiceRanges.DEFAULT,
        AdmissionPlugins.DEFAULTS,
        AuthConfig.DEFAULT);
  }

  /** This configuration without TLS (plain HTTP/1.1; for tests). */
  public ApiServerConfig plain() {
    return withTls(false);
  }

  /**
   * This configuration without a network listener: no port, no serving certificate; requests reach
   * the server only in-process ({@link ApiServer#inProcessTransport()}), through the same handlers,
   * limits and errors.
   */
  public ApiServerConfig withoutListener() {
    return withPort(NO_LISTENER);
  }

  /**
   * This configuration without the named admission plugins, for example {@code
   * withoutAdmissionPlugins("ServiceAccount")} for a server whose namespaces get no {@code default}
   * ServiceAccount (no serviceaccount controller runs).
   */
  public ApiServerConfig withoutAdmissionPlugins(String... names) {
    return withAdmissionPlugins(AdmissionPlugins.without(admissionPlugins, names));
  }

  /** Whether the server opens a network listener ({@code port != -1}). */
  public boolean listens() {
    return port != NO_LISTENER;
  }

  /** Whether requests are authenticated and authorized ({@link AuthConfig#enabledFor}). */
  public boolean authEnabled() {
    return auth.enabledFor(tls);
  }

  HttpServerConfig http(
      dev.keelson.apiserver.tls.IssuedCertificate serving,
      List<java.security.cert.X509Certificate> clientCas) {
    return new HttpServerConfig(
        bindAddress, port, serving, maxBodyBytes, maxInFlight, Duration.ofSeconds(30), clientCas);
  }
}

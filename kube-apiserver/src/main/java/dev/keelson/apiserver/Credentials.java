package dev.keelson.apiserver;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A TLS server's CA and certificates: the CA (configured, the JVM's shared one, or a new one), the
 * API server's kubelet client certificate, and, when it listens, its own serving certificate and
 * the admin client certificate.
 *
 * @param admin issued on first use; {@code null} without a listener
 * @param kubeletClient issued on first use
 * @param serving {@code null} without a listener; always issued for this server alone
 */
record Credentials(
    CertificateAuthority ca,
    Supplier<IssuedCertificate> admin,
    Supplier<IssuedCertificate> kubeletClient,
    IssuedCertificate serving) {

  /** Issues them on a new daemon thread; {@link #await} the result. */
  static CompletableFuture<Credentials> issueInBackground(
      ApiServerConfig config,
      Supplier<List<String>> dnsNames,
      Supplier<List<InetAddress>> addresses) {
    CompletableFuture<Credentials> out = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("keelson-apiserver-certificates")
        .start(
            () -> {
              try {
                Credentials issued = issue(config, dnsNames, addresses);
                if (issued.serving() != null) {
                  // The server's TLS context is made next, on the main path: load the JDK's TLS
                  // implementation here first (once per JVM; main waits for this thread anyway).
                  dev.keelson.apiserver.http.HttpServer.preloadTls();
                }
                out.complete(issued);
              } catch (Throwable t) {
                out.completeExceptionally(t);
              }
            });
    return out;
  }

  static Credentials issue(
      ApiServerConfig config,
      Supplier<List<String>> dnsNames,
      Supplier<List<InetAddress>> addresses) {
    GeneratedCa shared =
        config.certificateAuthority() == null ? GeneratedCa.forClock(config.clock()) : null;
    CertificateAuthority ca =
        config.certificateAuthority() != null
            ? config.certificateAuthority()
            : shared != null
                ? shared.ca()
                : CertificateAuthority.generate(
                    "keelson-ca", Duration.ofDays(3650), config.clock());
    Supplier<IssuedCertificate> kubeletClient =
        shared != null
            ? shared.kubeletClient()
            : new LazyCertificate(
                () ->
                    ca.issueClient(
                        ApiServer.KUBELET_CLIENT_USER,
                        List.of("system:masters"),
                        Duration.ofDays(365)));
    if (!config.listens()) {
      return new Credentials(ca, null, kubeletClient, null);
    }
    IssuedCertificate serving =
        ca.issueServer("kube-apiserver", dnsNames.get(), addresses.get(), Duration.ofDays(365));
    Supplier<IssuedCertificate> admin =
        shared != null
            ? shared.admin()
            : new LazyCertificate(
                () ->
                    ca.issueClient(
                        ApiServer.ADMIN_USER, List.of("system:masters"), Duration.ofDays(365)));
    return new Credentials(ca, admin, kubeletClient, serving);
  }

  /** The issued credentials; what failed is rethrown as it was thrown. */
  static Credentials await(CompletableFuture<Credentials> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("cannot issue certificates: " + cause, cause);
    }
  }
}

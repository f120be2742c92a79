package dev.keelson.apiserver.auth;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * How an API server authenticates and authorizes requests.
 *
 * @param enabled {@code true}: every request is authenticated (unauthenticated ones answer 401
 *     except what {@code system:public-info-viewer} allows) and authorized by RBAC; {@code false}:
 *     every request is allowed; {@code null}: on for TLS servers, off for plain HTTP ones
 * @param tokenFile a static token file in Kubernetes' CSV form ({@code token,user,uid,"g1,g2"}), or
 *     {@code null}
 * @param serviceAccountIssuer the {@code iss} of service account tokens
 * @param serviceAccountKey the key that signs service account tokens (EC P-256: ES256, RSA: RS256);
 *     {@code null} generates an EC key at start (tokens then die with the server)
 * @param apiAudiences the audiences the server accepts in service account tokens and gives tokens
 *     that ask for none; empty means {@code [serviceAccountIssuer]}
 * @param authenticators the names of the {@link
 *     dev.keelson.apiserver.auth.authn.AuthenticatorProvider}s to use, in order; empty uses every
 *     provider found
 */
public record AuthConfig(
    Boolean enabled,
    Path tokenFile,
    String serviceAccountIssuer,
    KeyPair serviceAccountKey,
    List<String> apiAudiences,
    List<String> authenticators) {
  /** kube-apiserver's usual service account issuer. */
  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  /** The defaults: on with TLS, generated key, default issuer, every provider. */
  public static final AuthConfig DEFAULT = new AuthConfig(null, null, null, null, null, null);

  public AuthConfig {
    serviceAccountIssuer =
        serviceAccountIssuer == null || serviceAccountIssuer.isEmpty()
            ? DEFAULT_ISSUER
            : serviceAccountIssuer;
    apiAudiences =
        apiAudiences == null || apiAudiences.isEmpty()
            ? List.of(serviceAccountIssuer)
            : List.copyOf(apiAudiences);
    authenticators = authenticators == null ? List.of() : List.copyOf(authenticators);
  }

  /** Authentication and authorization on. */
  public static AuthConfig on() {
    return DEFAULT.withEnabled(true);
  }

  /** Authentication and authorization off: every request is allowed. */
  public static AuthConfig off() {
    return DEFAULT.withEnabled(false);
  }

  /** Whether requests are checked on a server with or without TLS. */
  public boolean enabledFor(boolean tls) {
    return enabled == null ? tls : enabled;
  }

  /** This configuration with {@link #enabled()} set. */
  public AuthConfig withEnabled(Boolean on) {
    return new AuthConfig(
        on, tokenFile, serviceAccountIssuer, serviceAccountKey, apiAudiences, authenticators);
  }

  /** This configuration with a static token file. */
  public AuthConfig withTokenFile(Path file) {
    return new AuthConfig(
        enabled, file, serviceAccountIssuer, serviceAccountKey, apiAudiences, authenticators);
  }

  /** This configuration with a given service account signing key. */
  public AuthConfig withServiceAccountKey(KeyPair key) {
    return new AuthConfig(
        enabled, tokenFile, serviceAccountIssuer, key, apiAudiences, authenticators);
  }
}

package dev.keelson.apiserver.auth.authn;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request presents to authenticate: the bearer token of its {@code Authorization} header and
 * the client certificate chain of its TLS connection. {@link #toString()} never shows the token.
 *
 * @param bearerToken the token, or {@code null}
 * @param clientCertificates the client's chain, leaf first; empty without one
 */
public record Credentials(String bearerToken, List<X509Certificate> clientCertificates) {
  /** No credentials. */
  public static final Credentials NONE = new Credentials(null, List.of());

  public Credentials {
    clientCertificates = List.copyOf(clientCertificates == null ? List.of() : clientCertificates);
  }

  /** The credentials of an {@code Authorization} header value and a certificate chain. */
  public static Credentials of(String authorization, List<X509Certificate> chain) {
    String token = null;
    if (authorization != null) {
      String a = authorization.strip();
      if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = a.substring(7).strip();
        if (token.isEmpty()) {
          token = null;
        }
      }
    }
    return new Credentials(token, chain);
  }

  /** Whether nothing was presented. */
  public boolean isEmpty() {
    return bearerToken == null && clientCertificates.isEmpty();
  }

  @Override
  public String toString() {
    return "Credentials[bearerToken="
        + (bearerToken == null ? "none" : "<redacted>")
        + ", clientCertificates="
        + clientCertificates.size()
        + "]";
  }
}

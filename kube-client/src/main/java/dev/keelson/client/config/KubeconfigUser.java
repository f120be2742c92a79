package dev.keelson.client.config;

/**
 * A user ({@code AuthInfo}) entry of a kubeconfig. Paths are absolute (resolved against the
 * kubeconfig's directory); {@code -data} fields hold base64 PEM as in the file.
 *
 * @param token a bearer token; wins over {@code tokenFile}
 * @param tokenFile a file holding a bearer token, re-read on each request
 * @param execOrAuthProvider {@code exec} or {@code auth-provider} when the entry uses one (not
 *     supported), else {@code null}
 * @param source the file the entry came from
 */
public record KubeconfigUser(
    String clientCertificate,
    String clientCertificateData,
    String clientKey,
    String clientKeyData,
    String token,
    String tokenFile,
    String username,
    String password,
    String execOrAuthProvider,
    String source) {

  @Override
  public String toString() {
    return "KubeconfigUser[source="
        + source
        + ", clientCertificate="
        + clientCertificate
        + ", token="
        + (token == null ? null : "<redacted>")
        + ", username="
        + username
        + "]";
  }
}

package dev.keelson.apiserver.auth.authn;

import dev.keelson.apiserver.auth.AuthConfig;
import java.security.cert.X509Certificate;

/**
 * What an {@link AuthenticatorProvider} may build on.
 *
 * @param config the server's authentication configuration
 * @param clientCa the CA whose client certificates identify users, or {@code null} (no TLS)
 * @param serviceAccounts the server's service account token issuer and verifier
 */
public record AuthenticatorContext(
    AuthConfig config, X509Certificate clientCa, ServiceAccountTokens serviceAccounts) {}

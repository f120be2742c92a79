package dev.keelson.apiserver.auth.authn;

import java.util.Optional;

/**
 * Makes an {@link Authenticator} for a server; found with {@link java.util.ServiceLoader} (list
 * implementations in {@code
 * META-INF/services/dev.keelson.apiserver.auth.authn.AuthenticatorProvider}). The built-in
 * providers are {@code x509}, {@code token-file} and {@code serviceaccount}.
 */
public interface AuthenticatorProvider {
  /**
   * A short name, for configuration ({@link dev.keelson.apiserver.auth.AuthConfig#authenticators}).
   */
  String name();

  /** The authenticator for this server, or empty when its configuration does not call for one. */
  Optional<Authenticator> create(AuthenticatorContext context);
}

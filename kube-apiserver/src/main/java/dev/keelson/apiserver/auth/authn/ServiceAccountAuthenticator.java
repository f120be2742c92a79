package dev.keelson.apiserver.auth.authn;

import java.util.Optional;

/** Bearer tokens that are service account JWTs of this server ({@link ServiceAccountTokens}). */
public final class ServiceAccountAuthenticator implements Authenticator {
  private final ServiceAccountTokens tokens;

  public ServiceAccountAuthenticator(ServiceAccountTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    String t = credentials.bearerToken();
    if (t == null || !Jwt.looksLikeJwt(t)) {
      return Optional.empty();
    }
    return Optional.of(tokens.verify(t));
  }

  /** The provider ({@code serviceaccount}): always on. */
  public static final class Provider implements AuthenticatorProvider {
    @Override
    public String name() {
      return "serviceaccount";
    }

    @Override
    public Optional<Authenticator> create(AuthenticatorContext context) {
      return Optional.of(new ServiceAccountAuthenticator(context.serviceAccounts()));
    }
  }
}

package dev.keelson.apiserver.auth.authn;

import java.util.Optional;

/** Tells who presented some credentials (Kubernetes' {@code authenticator.Request}). */
@FunctionalInterface
public interface Authenticator {
  /**
   * The user these credentials identify.
   *
   * @return empty if the credentials are none of this authenticator's kind (another one may know
   *     them)
   * @throws InvalidCredentialsException if they are of its kind but not valid
   */
  Optional<UserInfo> authenticate(Credentials credentials);
}

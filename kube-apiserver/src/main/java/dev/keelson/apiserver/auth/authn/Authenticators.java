package dev.keelson.apiserver.auth.authn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The authenticators of a server, asked in order: the first that knows the credentials decides.
 * Credentials that one rejects and none accepts fail.
 */
public final class Authenticators implements Authenticator {
  private final List<Authenticator> chain;

  public Authenticators(List<Authenticator> chain) {
    this.chain = List.copyOf(chain);
  }

  /**
   * The authenticators of the providers {@link ServiceLoader} finds (those named in the
   * configuration, in its order, or all of them), each as its provider makes it for {@code
   * context}.
   */
  public static Authenticators load(AuthenticatorContext context) {
    List<AuthenticatorProvider> providers = new ArrayList<>();
    ServiceLoader.load(AuthenticatorProvider.class, Authenticators.class.getClassLoader())
        .forEach(providers::add);
    List<String> wanted = context.config().authenticators();
    List<Authenticator> chain = new ArrayList<>();
    if (wanted.isEmpty()) {
      for (AuthenticatorProvider p : providers) {
        p.create(context).ifPresent(chain::add);
      }
    } else {
      for (String name : wanted) {
        AuthenticatorProvider p =
            providers.stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () -> new IllegalArgumentException("no authenticator provider named " + name));
        p.create(context).ifPresent(chain::add);
      }
    }
    return new Authenticators(chain);
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    InvalidCredentialsException failure = null;
    for (Authenticator a : chain) {
      try {
        Optional<UserInfo> user = a.authenticate(credentials);
        if (user.isPresent()) {
          return user;
        }
      } catch (InvalidCredentialsException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return Optional.empty();
  }
}

package dev.keelson.apiserver.auth.authz;

/** Decides whether a user may make a request (Kubernetes' {@code authorizer.Authorizer}). */
@FunctionalInterface
public interface Authorizer {
  Decision authorize(Attributes attributes);

  /** Lets everybody do everything (authorization off). */
  Authorizer ALWAYS_ALLOW = a -> Decision.ALLOW;
}

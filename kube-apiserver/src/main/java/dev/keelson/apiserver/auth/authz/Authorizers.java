package dev.keelson.apiserver.auth.authz;

import dev.keelson.apiserver.auth.authn.UserInfo;
import java.util.List;

/**
 * Authorizers asked in order until one allows or denies; before them, members of {@code
 * system:masters} may do anything (kube-apiserver's privileged group authorizer).
 */
public final class Authorizers implements Authorizer {
  private final List<Authorizer> chain;

  public Authorizers(List<Authorizer> chain) {
    this.chain = List.copyOf(chain);
  }

  @Override
  public Decision authorize(Attributes attributes) {
    if (attributes.user().inGroup(UserInfo.MASTERS)) {
      return Decision.ALLOW;
    }
    String reason = "";
    for (Authorizer a : chain) {
      Decision d = a.authorize(attributes);
      if (d.kind() != Decision.Kind.NO_OPINION) {
        return d;
      }
      if (!d.reason().isEmpty()) {
        reason = d.reason();
      }
    }
    return new Decision(Decision.Kind.NO_OPINION, reason);
  }
}

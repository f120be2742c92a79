package dev.keelson.apiserver.auth.rbac;

import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.api.rbac.v1.RoleRef;
import dev.keelson.apiserver.auth.authn.UserInfo;
import dev.keelson.apiserver.auth.authz.Attributes;
import dev.keelson.apiserver.auth.authz.Authorizer;
import dev.keelson.apiserver.auth.authz.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RBAC: allows a request when a rule of a role bound to the user matches it (ClusterRoleBindings
 * everywhere, RoleBindings in their namespace); otherwise no opinion, with the bindings' missing
 * roles as the reason. Never denies.
 */
public final class RbacAuthorizer implements Authorizer {
  private final RbacCache cache;

  public RbacAuthorizer(RbacCache cache) {
    this.cache = cache;
  }

  @Override
  public Decision authorize(Attributes a) {
    List<String> errors = new ArrayList<>();
    for (ClusterRoleBinding b : cache.clusterRoleBindings()) {
      if (RuleMatching.appliesTo(b.subjects(), a.user(), "")) {
        for (PolicyRule r : rules(b.roleRef(), "", errors)) {
          if (RuleMatching.allows(r, a)) {
            return Decision.ALLOW;
          }
        }
      }
    }
    String ns = a.request().namespace();
    if (!ns.isEmpty()) {
      for (RoleBinding b : cache.roleBindings(ns)) {
        if (RuleMatching.appliesTo(b.subjects(), a.user(), ns)) {
          for (PolicyRule r : rules(b.roleRef(), ns, errors)) {
            if (RuleMatching.allows(r, a)) {
              return Decision.ALLOW;
            }
          }
        }
      }
    }
    return new Decision(
        Decision.Kind.NO_OPINION, errors.isEmpty() ? "" : "RBAC: " + String.join(", ", errors));
  }

  /**
   * The rules that apply to a user in a namespace ({@code ""}: cluster-wide only), for
   * SelfSubjectRulesReview.
   */
  public List<PolicyRule> rulesFor(UserInfo user, String namespace) {
    List<PolicyRule> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ClusterRoleBinding b : cache.clusterRoleBindings()) {
      if (RuleMatching.appliesTo(b.subjects(), user, "")) {
        out.addAll(rules(b.roleRef(), "", errors));
      }
    }
    if (!namespace.isEmpty()) {
      for (RoleBinding b : cache.roleBindings(namespace)) {
        if (RuleMatching.appliesTo(b.subjects(), user, namespace)) {
          out.addAll(rules(b.roleRef(), namespace, errors));
        }
      }
    }
    return out;
  }

  private List<PolicyRule> rules(RoleRef ref, String namespace, List<String> errors) {
    if (ref == null || ref.kind() == null || ref.name() == null) {
      return List.of();
    }
    if (ref.kind().equals("ClusterRole")) {
      Optional<dev.keelson.api.rbac.v1.ClusterRole> r = cache.clusterRole(ref.name());
      if (r.isEmpty()) {
        errors.add("clusterrole.rbac.authorization.k8s.io \"" + ref.name() + "\" not found");
        return List.of();
      }
      return r.get().rules();
    }
    if (ref.kind().equals("Role") && !namespace.isEmpty()) {
      Optional<dev.keelson.api.rbac.v1.Role> r = cache.role(namespace, ref.name());
      if (r.isEmpty()) {
        errors.add("role.rbac.authorization.k8s.io \"" + ref.name() + "\" not found");
        return List.of();
      }
      return r.get().rules();
    }
    return List.of();
  }
}

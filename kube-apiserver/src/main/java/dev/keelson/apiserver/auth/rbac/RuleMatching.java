package dev.keelson.apiserver.auth.rbac;

import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.rbac.v1.Subject;
import dev.keelson.apiserver.auth.authn.ServiceAccountTokens;
import dev.keelson.apiserver.auth.authn.UserInfo;
import dev.keelson.apiserver.auth.authz.Attributes;
import dev.keelson.apiserver.auth.authz.RequestInfo;
import java.util.List;

/** How RBAC rules and subjects match requests and users (Kubernetes' rbac validation rules). */
public final class RuleMatching {
  private RuleMatching() {}

  /** Whether a rule allows the request. */
  public static boolean allows(PolicyRule rule, Attributes a) {
    RequestInfo r = a.request();
    if (!r.resourceRequest()) {
      return verbMatches(rule, r.verb()) && nonResourceUrlMatches(rule, r.path());
    }
    return verbMatches(rule, r.verb())
        && apiGroupMatches(rule, r.apiGroup())
        && resourceMatches(rule, a.resourceAndSubresource(), r.subresource())
        && resourceNameMatches(rule, r.name());
  }

  static boolean verbMatches(PolicyRule rule, String verb) {
    return rule.verbs().contains("*") || rule.verbs().contains(verb);
  }

  static boolean apiGroupMatches(PolicyRule rule, String group) {
    return rule.apiGroups().contains("*") || rule.apiGroups().contains(group);
  }

  static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
    for (String r : rule.resources()) {
      if (r.equals("*") || r.equals(combined)) {
        return true;
      }
      if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  static boolean resourceNameMatches(PolicyRule rule, String name) {
    return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
  }

  static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
    for (String u : rule.nonResourceURLs()) {
      if (u.equals("*") || u.equals(path)) {
        return true;
      }
      if (u.endsWith("*") && path.startsWith(u.substring(0, u.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a binding's subject is the user.
   *
   * @param bindingNamespace the namespace of a RoleBinding ({@code ""} for a ClusterRoleBinding):
   *     the namespace of a service account subject that names none
   */
  public static boolean appliesTo(Subject s, UserInfo user, String bindingNamespace) {
    if (s == null || s.kind() == null) {
      return false;
    }
    return switch (s.kind()) {
      case "User" -> user.name().equals(s.name());
      case "Group" -> user.groups().contains(s.name());
      case "ServiceAccount" -> {
        String ns =
            s.namespace() == null || s.namespace().isEmpty() ? bindingNamespace : s.namespace();
        yield !ns.isEmpty()
            && user.name().equals(ServiceAccountTokens.USER_PREFIX + ns + ":" + s.name());
      }
      default -> false;
    };
  }

  /** Whether any subject of a list is the user. */
  public static boolean appliesTo(List<Subject> subjects, UserInfo user, String bindingNamespace) {
    for (Subject s : subjects) {
      if (appliesTo(s, user, bindingNamespace)) {
        return true;
      }
    }
    return false;
  }
}

package dev.keelson.api.validation;

import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.rbac.v1.AggregationRule;
import dev.keelson.api.rbac.v1.ClusterRole;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.rbac.v1.Role;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.api.rbac.v1.RoleRef;
import dev.keelson.api.rbac.v1.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validation of the {@code rbac.authorization.k8s.io/v1} kinds without their metadata, after
 * Kubernetes' {@code pkg/apis/rbac/validation}: every rule names verbs; resource rules name API
 * groups and resources; non-resource URLs only in cluster roles and never together with resources;
 * an aggregation rule has selectors; a binding's role reference names a Role or ClusterRole of this
 * group (cluster role bindings: a ClusterRole only) and cannot change; subjects are users, groups
 * or service accounts with the API group their kind requires.
 */
public final class RbacValidation {
  /** The API group of roles, users and groups. */
  public static final String GROUP = "rbac.authorization.k8s.io";

  private RbacValidation() {}

  /** A Role's rules. */
  public static List<FieldError> role(Role role) {
    List<FieldError> errs = new ArrayList<>();
    rules(role.rules(), true, errs);
    return errs;
  }

  /** A ClusterRole's rules and aggregation rule. */
  public static List<FieldError> clusterRole(ClusterRole role) {
    List<FieldError> errs = new ArrayList<>();
    rules(role.rules(), false, errs);
    AggregationRule aggregation = role.aggregationRule();
    if (aggregation != null) {
      FieldPath path = FieldPath.root("aggregationRule").child("clusterRoleSelectors");
      if (aggregation.clusterRoleSelectors().isEmpty()) {
        errs.add(
            FieldError.required(
                path.toString(),
                "at least one clusterRoleSelector required if aggregationRule is non-nil"));
      }
      List<LabelSelector> selectors = aggregation.clusterRoleSelectors();
      for (int i = 0; i < selectors.size(); i++) {
        errs.addAll(LabelSelectorValidation.validate(selectors.get(i), path.index(i)));
      }
    }
    return errs;
  }

  /** A RoleBinding: its role reference and subjects. */
  public static List<FieldError> roleBinding(RoleBinding binding) {
    return binding(binding.roleRef(), binding.subjects(), true);
  }

  /** A ClusterRoleBinding: its role reference (a ClusterRole) and subjects. */
  public static List<FieldError> clusterRoleBinding(ClusterRoleBinding binding) {
    return binding(binding.roleRef(), binding.subjects(), false);
  }

  /** {@code roleRef} may not change: {@code roleRef: Invalid value: ...: cannot change roleRef}. */
  public static List<FieldError> roleRefUnchanged(RoleRef now, RoleRef before) {
    RoleRef a = orEmpty(now);
    RoleRef b = orEmpty(before);
    if (Objects.equals(nz(a.apiGroup()), nz(b.apiGroup()))
        && Objects.equals(nz(a.kind()), nz(b.kind()))
        && Objects.equals(nz(a.name()), nz(b.name()))) {
      return List.of();
    }
    return List.of(FieldError.invalid("roleRef", a, "cannot change roleRef"));
  }

  /** {@code ValidatePolicyRule}. */
  public static List<FieldError> policyRule(PolicyRule rule, boolean namespaced, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (rule.verbs().isEmpty()) {
      errs.add(
          FieldError.required(
              path.child("verbs").toString(), "verbs must contain at least one value"));
    }
    if (!rule.nonResourceURLs().isEmpty()) {
      if (namespaced) {
        errs.add(
            FieldError.invalid(
                path.child("nonResourceURLs").toString(),
                rule.nonResourceURLs(),
                "namespaced rules cannot apply to non-resource URLs"));
      }
      if (!rule.apiGroups().isEmpty()
          || !rule.resources().isEmpty()
          || !rule.resourceNames().isEmpty()) {
        errs.add(
            FieldError.invalid(
                path.child("nonResourceURLs").toString(),
                rule.nonResourceURLs(),
                "rules cannot apply to both regular resources and non-resource URLs"));
      }
      return errs;
    }
    if (rule.apiGroups().isEmpty()) {
      errs.add(
          FieldError.required(
              path.child("apiGroups").toString(),
              "resource rules must supply at least one api group"));
    }
    if (rule.resources().isEmpty()) {
      errs.add(
          FieldError.required(
              path.child("resources").toString(),
              "resource rules must supply at least one resource"));
    }
    return errs;
  }

  /** {@code ValidateRoleBindingSubject}. */
  public static List<FieldError> subject(Subject s, boolean namespaced, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String name = nz(s.name());
    if (name.isEmpty()) {
      errs.add(FieldError.required(path.child("name").toString(), ""));
    }
    String kind = nz(s.kind());
    switch (kind) {
      case "ServiceAccount" -> {
        if (!name.isEmpty()) {
          errs.addAll(
              Names.invalid(
                  path.child("name"), name, NameValidator.DNS_SUBDOMAIN.validate(name, false)));
        }
        if (!nz(s.apiGroup()).isEmpty()) {
          errs.add(
              FieldError.notSupported(
                  path.child("apiGroup").toString(), s.apiGroup(), List.of("")));
        }
        if (!namespaced && nz(s.namespace()).isEmpty()) {
          errs.add(FieldError.required(path.child("namespace").toString(), ""));
        }
      }
      case "User", "Group" -> {
        if (!GROUP.equals(s.apiGroup())) {
          errs.add(
              FieldError.notSupported(
                  path.child("apiGroup").toString(), nz(s.apiGroup()), List.of(GROUP)));
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(
                  path.child("kind").toString(), kind, List.of("ServiceAccount", "User", "Group")));
    }
    return errs;
  }

  private static void rules(List<PolicyRule> rules, boolean namespaced, List<FieldError> errs) {
    FieldPath path = FieldPath.root("rules");
    for (int i = 0; i < rules.size(); i++) {
      errs.addAll(policyRule(rules.get(i), namespaced, path.index(i)));
    }
  }

  private static List<FieldError> binding(RoleRef ref, List<Subject> subjects, boolean namespaced) {
    List<FieldError> errs = new ArrayList<>();
    RoleRef r = orEmpty(ref);
    FieldPath refPath = FieldPath.root("roleRef");
    if (!GROUP.equals(r.apiGroup())) {
      errs.add(
          FieldError.notSupported(
              refPath.child("apiGroup").toString(), nz(r.apiGroup()), List.of(GROUP)));
    }
    List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
    if (!kinds.contains(nz(r.kind()))) {
      errs.add(FieldError.notSupported(refPath.child("kind").toString(), nz(r.kind()), kinds));
    }
    String name = nz(r.name());
    if (name.isEmpty()) {
      errs.add(FieldError.required(refPath.child("name").toString(), ""));
    } else {
      errs.addAll(
          Names.invalid(
              refPath.child("name"), name, NameValidator.PATH_SEGMENT.validate(name, false)));
    }
    FieldPath subjectsPath = FieldPath.root("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      errs.addAll(subject(subjects.get(i), namespaced, subjectsPath.index(i)));
    }
    return errs;
  }

  private static RoleRef orEmpty(RoleRef r) {
    return r == null ? new RoleRef(null, null, null) : r;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

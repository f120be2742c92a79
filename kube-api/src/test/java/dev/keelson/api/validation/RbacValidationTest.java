package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.rbac.v1.ClusterRole;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.Role;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.api.registry.ResourceRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rbac.authorization.k8s.io/v1 validation, with Kubernetes' paths and messages. */
class RbacValidationTest {
  private static final String REF =
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}";

  private static <T extends KubernetesObject> List<String> errors(String yaml, Class<T> type) {
    T object = KubeJson.decodeYaml(yaml, type);
    return validator(object).validate(object).stream().map(FieldError::toString).toList();
  }

  private static Validator<KubernetesObject> validator(KubernetesObject o) {
    String[] gv = o.apiVersion().split("/");
    return BuiltinValidators.forResource(
        ResourceRegistry.builtins()
            .byGvk(new GroupVersionKind(gv[0], gv[1], o.kind()))
            .orElseThrow());
  }

  private static List<String> update(KubernetesObject now, KubernetesObject before) {
    return validator(now).validateUpdate(now, before).stream().map(FieldError::toString).toList();
  }

  @Test
  void ruleVerbsAreRequiredAndResourceRulesNameGroupsAndResources() {
    assertThat(
            errors(
                "metadata: {name: r, namespace: ns}\n"
                    + "rules: [{verbs: [get], apiGroups: [''], resources: [pods]}]",
                Role.class))
        .isEmpty();
    assertThat(errors("metadata: {name: r, namespace: ns}\nrules: [{}]", Role.class))
        .containsExactly(
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[0].resources: Required value: resource rules must supply at least one resource");
  }

  @Test
  void nonResourceUrlsOnlyInClusterRolesAndNotWithResources() {
    assertThat(
            errors(
                "metadata: {name: r, namespace: ns}\n"
                    + "rules: [{verbs: [get], nonResourceURLs: [/healthz]}]",
                Role.class))
        .containsExactly(
            "rules[0].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply"
                + " to non-resource URLs");
    assertThat(
            errors(
                "metadata: {name: c}\nrules: [{verbs: [get], nonResourceURLs: [/healthz]}]",
                ClusterRole.class))
        .isEmpty();
    assertThat(
            errors(
                "metadata: {name: c}\n"
                    + "rules: [{verbs: [get], resources: [pods], nonResourceURLs: [/metrics]}]",
                ClusterRole.class))
        .containsExactly(
            "rules[0].nonResourceURLs: Invalid value: [\"/metrics\"]: rules cannot apply to both"
                + " regular resources and non-resource URLs");
  }

  @Test
  void aggregationRuleNeedsSelectors() {
    assertThat(errors("metadata: {name: c}\naggregationRule: {}", ClusterRole.class))
        .containsExactly(
            "aggregationRule.clusterRoleSelectors: Required value: at least one"
                + " clusterRoleSelector required if aggregationRule is non-nil");
    assertThat(
            errors(
                "metadata: {name: c}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {a:"
                    + " b}}]}",
                ClusterRole.class))
        .isEmpty();
  }

  @Test
  void rbacNamesArePathSegments() {
    assertThat(errors("metadata: {name: 'system:controller:foo'}", ClusterRole.class)).isEmpty();
    assertThat(errors("metadata: {name: 'a/b'}", ClusterRole.class))
        .containsExactly("metadata.name: Invalid value: \"a/b\": may not contain '/'");
  }

  @Test
  void bindingRoleRefIsARoleOfThisGroup() {
    String meta = "metadata: {name: b, namespace: ns}\n";
    assertThat(errors(meta + REF, RoleBinding.class)).isEmpty();
    assertThat(errors(meta + "roleRef: {apiGroup: x.io, kind: Secret}", RoleBinding.class))
        .containsExactly(
            "roleRef.apiGroup: Unsupported value: \"x.io\": supported values:"
                + " \"rbac.authorization.k8s.io\"",
            "roleRef.kind: Unsupported value: \"Secret\": supported values: \"Role\","
                + " \"ClusterRole\"",
            "roleRef.name: Required value");
    assertThat(errors("metadata: {name: b}\n" + REF, ClusterRoleBinding.class))
        .containsExactly(
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"");
  }

  @Test
  void subjectsAreUsersGroupsOrServiceAccounts() {
    String meta = "metadata: {name: b, namespace: ns}\n" + REF + "\n";
    assertThat(
            errors(
                meta
                    + "subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: jane},"
                    + " {kind: ServiceAccount, name: robot}]",
                RoleBinding.class))
        .isEmpty();
    assertThat(
            errors(
                meta
                    + "subjects: [{kind: User, name: jane}, {kind: Robot, name: r2},"
                    + " {kind: ServiceAccount, apiGroup: v1}]",
                RoleBinding.class))
        .containsExactly(
            "subjects[0].apiGroup: Unsupported value: \"\": supported values:"
                + " \"rbac.authorization.k8s.io\"",
            "subjects[1].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\","
                + " \"User\", \"Group\"",
            "subjects[2].name: Required value",
            "subjects[2].apiGroup: Unsupported value: \"v1\": supported values: \"\"");
    assertThat(
            errors(
                "metadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind:"
                    + " ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: robot}]",
                ClusterRoleBinding.class))
        .containsExactly("subjects[0].namespace: Required value");
  }

  @Test
  void roleRefCannotChange() {
    RoleBinding before =
        KubeJson.decodeYaml(
            "metadata: {name: b, namespace: ns, resourceVersion: '1'}\n" + REF, RoleBinding.class);
    RoleBinding sameRef = before.withSubjects(List.of());
    assertThat(update(sameRef, before)).isEmpty();
    RoleBinding other = before.withRoleRef(before.roleRef().withName("writer"));
    assertThat(update(other, before))
        .singleElement()
        .asString()
        .startsWith("roleRef: Invalid value: ")
        .endsWith(": cannot change roleRef");
  }
}

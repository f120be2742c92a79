package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.rbac.v1.Subject;
import dev.keelson.apiserver.auth.authn.UserInfo;
import dev.keelson.apiserver.auth.authz.Attributes;
import dev.keelson.apiserver.auth.authz.RequestInfo;
import dev.keelson.apiserver.auth.rbac.RuleMatching;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RBAC rules and subjects match as Kubernetes matches them. */
class RbacMatchingTest {
  private static final UserInfo BOB =
      UserInfo.authenticated("bob", "", List.of("team-b"), Map.of());

  private static Attributes res(
      String verb, String group, String ns, String resource, String sub, String name) {
    return new Attributes(
        BOB, new RequestInfo(true, "", verb, group, "v1", ns, resource, sub, name));
  }

  private static Attributes url(String verb, String path) {
    return new Attributes(BOB, new RequestInfo(false, path, verb, "", "", "", "", "", ""));
  }

  private static PolicyRule rule(
      List<String> verbs, List<String> groups, List<String> resources, List<String> names) {
    return new PolicyRule(verbs, groups, resources, names, List.of());
  }

  @Test
  void verbsGroupsAndResourcesMatchExactlyOrByStar() {
    PolicyRule podsRead = rule(List.of("get", "list"), List.of(""), List.of("pods"), List.of());
    assertThat(RuleMatching.allows(podsRead, res("list", "", "a", "pods", "", ""))).isTrue();
    assertThat(RuleMatching.allows(podsRead, res("watch", "", "a", "pods", "", ""))).isFalse();
    assertThat(RuleMatching.allows(podsRead, res("get", "apps", "a", "pods", "", "x"))).isFalse();
    assertThat(RuleMatching.allows(podsRead, res("get", "", "a", "pods", "log", "x")))
        .as("a resource does not grant its subresources")
        .isFalse();
    PolicyRule star = rule(List.of("*"), List.of("*"), List.of("*"), List.of());
    assertThat(
            RuleMatching.allows(star, res("deletecollection", "apps", "", "deployments", "", "")))
        .isTrue();
    assertThat(RuleMatching.allows(star, url("get", "/healthz")))
        .as("resource rules never match non-resource URLs")
        .isFalse();
  }

  @Test
  void subresourcesMatchByNameOrStarSlash() {
    PolicyRule logs = rule(List.of("get"), List.of(""), List.of("pods/log"), List.of());
    assertThat(RuleMatching.allows(logs, res("get", "", "a", "pods", "log", "web"))).isTrue();
    assertThat(RuleMatching.allows(logs, res("get", "", "a", "pods", "", "web"))).isFalse();
    PolicyRule anyStatus = rule(List.of("update"), List.of("*"), List.of("*/status"), List.of());
    assertThat(
            RuleMatching.allows(
                anyStatus, res("update", "apps", "a", "deployments", "status", "d")))
        .isTrue();
    assertThat(
            RuleMatching.allows(anyStatus, res("update", "apps", "a", "deployments", "scale", "d")))
        .isFalse();
  }

  @Test
  void resourceNamesLimitToThoseObjects() {
    PolicyRule one =
        rule(List.of("get", "list"), List.of(""), List.of("configmaps"), List.of("cfg"));
    assertThat(RuleMatching.allows(one, res("get", "", "a", "configmaps", "", "cfg"))).isTrue();
    assertThat(RuleMatching.allows(one, res("get", "", "a", "configmaps", "", "other"))).isFalse();
    assertThat(RuleMatching.allows(one, res("list", "", "a", "configmaps", "", "")))
        .as("a list names no object")
        .isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByTrailingStar() {
    PolicyRule rule =
        new PolicyRule(
            List.of("get"), List.of(), List.of(), List.of(), List.of("/healthz", "/apis/*"));
    assertThat(RuleMatching.allows(rule, url("get", "/healthz"))).isTrue();
    assertThat(RuleMatching.allows(rule, url("get", "/healthz/etcd"))).isFalse();
    assertThat(RuleMatching.allows(rule, url("get", "/apis/apps/v1"))).isTrue();
    assertThat(RuleMatching.allows(rule, url("get", "/apis"))).isFalse();
    assertThat(RuleMatching.allows(rule, url("post", "/healthz"))).isFalse();
  }

  @Test
  void subjectsMatchUsersGroupsAndServiceAccounts() {
    String rbac = "rbac.authorization.k8s.io";
    assertThat(RuleMatching.appliesTo(new Subject("User", rbac, "bob", null), BOB, "")).isTrue();
    assertThat(RuleMatching.appliesTo(new Subject("User", rbac, "alice", null), BOB, "")).isFalse();
    assertThat(RuleMatching.appliesTo(new Subject("Group", rbac, "team-b", null), BOB, ""))
        .isTrue();
    assertThat(
            RuleMatching.appliesTo(
                new Subject("Group", rbac, "system:authenticated", null), BOB, ""))
        .isTrue();
    UserInfo sa = UserInfo.authenticated("system:serviceaccount:a:robot", "u", List.of(), Map.of());
    assertThat(RuleMatching.appliesTo(new Subject("ServiceAccount", "", "robot", "a"), sa, ""))
        .isTrue();
    assertThat(RuleMatching.appliesTo(new Subject("ServiceAccount", "", "robot", null), sa, "a"))
        .as("a RoleBinding's own namespace is the default")
        .isTrue();
    assertThat(RuleMatching.appliesTo(new Subject("ServiceAccount", "", "robot", null), sa, ""))
        .isFalse();
    assertThat(RuleMatching.appliesTo(new Subject("ServiceAccount", "", "robot", "b"), sa, ""))
        .isFalse();
  }
}

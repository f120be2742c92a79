package dev.keelson.apiserver.auth.rbac;

import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.rbac.v1.ClusterRole;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.rbac.v1.RoleRef;
import dev.keelson.api.rbac.v1.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default ClusterRoles and ClusterRoleBindings a cluster starts with, as kube-apiserver's RBAC
 * bootstrap writes them (label {@code kubernetes.io/bootstrapping: rbac-defaults}, annotation
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"}): {@code cluster-admin}, the
 * user-facing {@code admin}, {@code edit} and {@code view} (their aggregated rules written out),
 * {@code system:discovery}, {@code system:basic-user}, {@code system:public-info-viewer}, and the
 * roles of the node agent, scheduler and controller manager (narrowed to what Keelson's components
 * use).
 */
public final class BootstrapPolicy {
  private BootstrapPolicy() {}

  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE =
      List.of("create", "delete", "deletecollection", "patch", "update");
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** The default cluster roles. */
  public static List<ClusterRole> clusterRoles() {
    List<ClusterRole> out = new ArrayList<>();
    out.add(
        role(
            "cluster-admin",
            rule(List.of("*"), List.of("*"), List.of("*")),
            urls(List.of("*"), "*")));
    out.add(
        role(
            "system:discovery",
            urls(
                List.of("get"),
                "/api",
                "/api/*",
                "/apis",
                "/apis/*",
                "/healthz",
                "/livez",
                "/openapi",
                "/openapi/*",
                "/readyz",
                "/version",
                "/version/")));
    out.add(
        role(
            "system:public-info-viewer",
            urls(List.of("get"), "/healthz", "/livez", "/readyz", "/version", "/version/")));
    out.add(
        role(
            "system:basic-user",
            rule(
                List.of("create"),
                List.of("authorization.k8s.io"),
                List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
            rule(
                List.of("create"),
                List.of("authentication.k8s.io"),
                List.of("selfsubjectreviews"))));
    out.add(role("view", viewRules().toArray(PolicyRule[]::new)));
    out.add(role("edit", editRules().toArray(PolicyRule[]::new)));
    List<PolicyRule> admin = new ArrayList<>(editRules());
    admin.add(rule(ALL_VERBS, List.of(RBAC), List.of("rolebindings", "roles")));
    admin.add(
        rule(
            List.of("create"),
            List.of("authorization.k8s.io"),
            List.of("localsubjectaccessreviews")));
    out.add(role("admin", admin.toArray(PolicyRule[]::new)));
    out.add(
        role(
            "system:node",
            rule(
                List.of("create", "get", "list", "watch", "patch", "update", "delete"),
                List.of(""),
                List.of("nodes")),
            rule(List.of("patch", "update"), List.of(""), List.of("nodes/status", "pods/status")),
            rule(List.of("get", "list", "watch", "create", "delete"), List.of(""), List.of("pods")),
            rule(List.of("create"), List.of(""), List.of("pods/eviction", "serviceaccounts/token")),
            rule(
                READ,
                List.of(""),
                List.of("services", "endpoints", "configmaps", "secrets", "namespaces")),
            rule(
                List.of("create", "patch", "update"),
                List.of("", "events.k8s.io"),
                List.of("events")),
            rule(
                List.of("get", "create", "update", "patch", "delete"),
                List.of("coordination.k8s.io"),
                List.of("leases")),
            rule(READ, List.of("discovery.k8s.io"), List.of("endpointslices"))));
    out.add(
        role(
            "system:kube-scheduler",
            rule(
                READ,
                List.of(""),
                List.of(
                    "pods",
                    "nodes",
                    "namespaces",
                    "services",
                    "persistentvolumeclaims",
                    "replicationcontrollers")),
            rule(List.of("create"), List.of(""), List.of("pods/binding", "bindings")),
            rule(List.of("patch", "update"), List.of(""), List.of("pods/status")),
            rule(
                List.of("create", "patch", "update"),
                List.of("", "events.k8s.io"),
                List.of("events")),
            rule(READ, List.of("apps"), List.of("replicasets", "statefulsets")),
            rule(READ, List.of("policy"), List.of("poddisruptionbudgets")),
            rule(READ, List.of("scheduling.k8s.io"), List.of("priorityclasses")),
            rule(
                List.of("get", "list", "watch", "create", "update", "patch"),
                List.of("coordination.k8s.io"),
                List.of("leases"))));
    out.add(
        role(
            "system:kube-controller-manager",
            rule(
                List.of("*"),
                List.of(
                    "",
                    "apps",
                    "batch",
                    "policy",
                    "discovery.k8s.io",
                    "coordination.k8s.io",
                    "events.k8s.io",
                    "networking.k8s.io"),
                List.of("*"))));
    return out;
  }

  /** The default cluster role bindings. */
  public static List<ClusterRoleBinding> clusterRoleBindings() {
    return List.of(
        binding("cluster-admin", group("system:masters")),
        binding("system:discovery", group("system:authenticated")),
        binding("system:basic-user", group("system:authenticated")),
        binding(
            "system:public-info-viewer",
            group("system:authenticated"),
            group("system:unauthenticated")),
        binding("system:node", group("system:nodes")),
        binding("system:kube-scheduler", user("system:kube-scheduler")),
        binding("system:kube-controller-manager", user("system:kube-controller-manager")));
  }

  private static List<PolicyRule> viewRules() {
    return List.of(
        rule(
            READ,
            List.of(""),
            List.of(
                "bindings",
                "configmaps",
                "endpoints",
                "events",
                "limitranges",
                "namespaces",
                "namespaces/status",
                "persistentvolumeclaims",
                "persistentvolumeclaims/status",
                "pods",
                "pods/log",
                "pods/status",
                "replicationcontrollers",
                "replicationcontrollers/scale",
                "replicationcontrollers/status",
                "resourcequotas",
                "resourcequotas/status",
                "serviceaccounts",
                "services",
                "services/status")),
        rule(
            READ,
            List.of("apps"),
            List.of(
                "controllerrevisions",
                "daemonsets",
                "daemonsets/status",
                "deployments",
                "deployments/scale",
                "deployments/status",
                "replicasets",
                "replicasets/scale",
                "replicasets/status",
                "statefulsets",
                "statefulsets/scale",
                "statefulsets/status")),
        rule(
            READ,
            List.of("autoscaling"),
            List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status")),
        rule(READ, List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status")),
        rule(READ, List.of("discovery.k8s.io"), List.of("endpointslices")),
        rule(
            READ,
            List.of("policy"),
            List.of("poddisruptionbudgets", "poddisruptionbudgets/status")),
        rule(
            READ,
            List.of("networking.k8s.io"),
            List.of("ingresses", "ingresses/status", "networkpolicies")));
  }

  private static List<PolicyRule> editRules() {
    List<PolicyRule> out = new ArrayList<>(viewRules());
    out.add(rule(List.of("impersonate"), List.of(""), List.of("serviceaccounts")));
    out.add(
        rule(
            List.of(
                "create", "delete", "deletecollection", "patch", "update", "get", "list", "watch"),
            List.of(""),
            List.of(
                "pods",
                "pods/attach",
                "pods/exec",
                "pods/portforward",
                "pods/proxy",
                "secrets",
                "services/proxy")));
    out.add(
        rule(List.of("create"), List.of(""), List.of("pods/eviction", "serviceaccounts/token")));
    out.add(
        rule(
            WRITE,
            List.of(""),
            List.of(
                "configmaps",
                "events",
                "persistentvolumeclaims",
                "replicationcontrollers",
                "replicationcontrollers/scale",
                "serviceaccounts",
                "services")));
    out.add(
        rule(
            WRITE,
            List.of("apps"),
            List.of(
                "daemonsets",
                "deployments",
                "deployments/rollback",
                "deployments/scale",
                "replicasets",
                "replicasets/scale",
                "statefulsets",
                "statefulsets/scale")));
    out.add(rule(WRITE, List.of("autoscaling"), List.of("horizontalpodautoscalers")));
    out.add(rule(WRITE, List.of("batch"), List.of("cronjobs", "jobs")));
    out.add(rule(WRITE, List.of("policy"), List.of("poddisruptionbudgets")));
    out.add(rule(WRITE, List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies")));
    out.add(rule(WRITE, List.of("coordination.k8s.io"), List.of("leases")));
    return out;
  }

  private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
    return new PolicyRule(verbs, groups, resources, List.of(), List.of());
  }

  private static PolicyRule urls(List<String> verbs, String... urls) {
    return new PolicyRule(verbs, List.of(), List.of(), List.of(), List.of(urls));
  }

  private static ObjectMeta meta(String name) {
    return ObjectMetaBuilder.builder()
        .name(name)
        .labels(Map.of("kubernetes.io/bootstrapping", "rbac-defaults"))
        .annotations(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"))
        .build();
  }

  private static ClusterRole role(String name, PolicyRule... rules) {
    return new ClusterRole(null, null, meta(name), List.of(rules), null);
  }

  private static ClusterRoleBinding binding(String role, Subject... subjects) {
    return new ClusterRoleBinding(
        null, null, meta(role), List.of(subjects), new RoleRef(RBAC, "ClusterRole", role));
  }

  private static Subject group(String name) {
    return new Subject("Group", RBAC, name, null);
  }

  private static Subject user(String name) {
    return new Subject("User", RBAC, name, null);
  }
}

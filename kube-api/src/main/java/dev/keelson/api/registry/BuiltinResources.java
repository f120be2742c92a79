package dev.keelson.api.registry;

import dev.keelson.api.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in resources, with the names, scope, verbs, categories and subresources a Kubernetes
 * API server reports for them ({@code kubectl api-resources -o wide} and discovery). Groups are
 * listed in Kubernetes' discovery priority order: core, {@code apps}, {@code events.k8s.io}, {@code
 * authentication.k8s.io}, {@code authorization.k8s.io}, {@code batch}, {@code networking.k8s.io},
 * {@code policy}, {@code rbac.authorization.k8s.io}, {@code apiextensions.k8s.io}, {@code
 * scheduling.k8s.io}, {@code coordination.k8s.io}, {@code discovery.k8s.io}.
 *
 * <p>{@code autoscaling/v1 Scale} is not a resource: it is the kind of the {@code scale}
 * subresources ({@link ResourceType#SCALE_KIND}).
 */
public final class BuiltinResources {
  private BuiltinResources() {}

  private static final String CORE = "";
  private static final String APPS = "apps";
  private static final String EVENTS = "events.k8s.io";
  private static final String BATCH = "batch";
  private static final String AUTHENTICATION = "authentication.k8s.io";
  private static final String AUTHORIZATION = "authorization.k8s.io";
  private static final String APIEXTENSIONS = "apiextensions.k8s.io";
  private static final String COORDINATION = "coordination.k8s.io";
  private static final String DISCOVERY = "discovery.k8s.io";
  private static final String NETWORKING = "networking.k8s.io";
  private static final String POLICY = "policy";
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String SCHEDULING = "scheduling.k8s.io";
  private static final List<String> ALL_CATEGORY = List.of("all");

  /** The built-in resources, in discovery order. */
  public static List<ResourceType> all() {
    List<ResourceType> r = new ArrayList<>();
    // core/v1, in discovery order (alphabetical by plural)
    r.add(
        type(
            CORE,
            "v1",
            "Binding",
            "bindings",
            true,
            Verbs.CREATE_ONLY,
            List.of(),
            List.of(),
            List.of()));
    r.add(regular(CORE, "ConfigMap", "configmaps", true, List.of("cm"), List.of()));
    r.add(regular(CORE, "Endpoints", "endpoints", true, List.of("ep"), List.of()));
    r.add(regular(CORE, "Event", "events", true, List.of("ev"), List.of()));
    r.add(regular(CORE, "LimitRange", "limitranges", true, List.of("limits"), List.of()));
    GroupVersionKind namespace = core("Namespace");
    r.add(
        type(
            CORE,
            "v1",
            "Namespace",
            "namespaces",
            false,
            Verbs.ALL_BUT_DELETE_COLLECTION,
            List.of("ns"),
            List.of(),
            List.of(
                new Subresource("finalize", namespace, List.of(Verbs.UPDATE)),
                Subresource.status(namespace))));
    GroupVersionKind node = core("Node");
    r.add(
        type(
            CORE,
            "v1",
            "Node",
            "nodes",
            false,
            Verbs.ALL,
            List.of("no"),
            List.of(),
            List.of(
                new Subresource("proxy", core("NodeProxyOptions"), Verbs.PROXY),
                Subresource.status(node))));
    r.add(
        type(
            CORE,
            "v1",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            true,
            Verbs.ALL,
            List.of("pvc"),
            List.of(),
            List.of(Subresource.status(core("PersistentVolumeClaim")))));
    GroupVersionKind pod = core("Pod");
    r.add(
        type(
            CORE,
            "v1",
            "Pod",
            "pods",
            true,
            Verbs.ALL,
            List.of("po"),
            ALL_CATEGORY,
            List.of(
                new Subresource("attach", core("PodAttachOptions"), Verbs.CREATE_GET),
                new Subresource("binding", core("Binding"), Verbs.CREATE_ONLY),
                new Subresource("ephemeralcontainers", pod, Verbs.GET_PATCH_UPDATE),
                new Subresource(
                    "eviction",
                    new GroupVersionKind("policy", "v1", "Eviction"),
                    Verbs.CREATE_ONLY),
                new Subresource("exec", core("PodExecOptions"), Verbs.CREATE_GET),
                new Subresource("log", pod, List.of(Verbs.GET)),
                new Subresource("portforward", core("PodPortForwardOptions"), Verbs.CREATE_GET),
                new Subresource("proxy", core("PodProxyOptions"), Verbs.PROXY),
                new Subresource("resize", pod, Verbs.GET_PATCH_UPDATE),
                Subresource.status(pod))));
    r.add(withStatus(CORE, "ResourceQuota", "resourcequotas", List.of("quota")));
    r.add(regular(CORE, "Secret", "secrets", true, List.of(), List.of()));
    r.add(
        type(
            CORE,
            "v1",
            "ServiceAccount",
            "serviceaccounts",
            true,
            Verbs.ALL,
            List.of("sa"),
            List.of(),
            List.of(
                new Subresource(
                    "token",
                    new GroupVersionKind("authentication.k8s.io", "v1", "TokenRequest"),
                    Verbs.CREATE_ONLY))));
    r.add(
        type(
            CORE,
            "v1",
            "Service",
            "services",
            true,
            Verbs.ALL,
            List.of("svc"),
            ALL_CATEGORY,
            List.of(
                new Subresource("proxy", core("ServiceProxyOptions"), Verbs.PROXY),
                Subresource.status(core("Service")))));

    // apps/v1
    r.add(regular(APPS, "ControllerRevision", "controllerrevisions", true, List.of(), List.of()));
    r.add(workload(APPS, "v1", "DaemonSet", "daemonsets", List.of("ds"), false));
    r.add(workload(APPS, "v1", "Deployment", "deployments", List.of("deploy"), true));
    r.add(workload(APPS, "v1", "ReplicaSet", "replicasets", List.of("rs"), true));
    r.add(workload(APPS, "v1", "StatefulSet", "statefulsets", List.of("sts"), true));

    // events.k8s.io/v1
    r.add(
        type(
            EVENTS, "v1", "Event", "events", true, Verbs.ALL, List.of("ev"), List.of(), List.of()));

    // authentication.k8s.io/v1 and authorization.k8s.io/v1: reviews, created and answered, never
    // stored
    r.add(review(AUTHENTICATION, "SelfSubjectReview", "selfsubjectreviews"));
    r.add(review(AUTHORIZATION, "SelfSubjectAccessReview", "selfsubjectaccessreviews"));
    r.add(review(AUTHORIZATION, "SelfSubjectRulesReview", "selfsubjectrulesreviews"));
    r.add(review(AUTHORIZATION, "SubjectAccessReview", "subjectaccessreviews"));

    // batch/v1
    r.add(workload(BATCH, "v1", "CronJob", "cronjobs", List.of("cj"), false));
    r.add(workload(BATCH, "v1", "Job", "jobs", List.of(), false));

    // networking.k8s.io/v1
    r.add(regular(NETWORKING, "IngressClass", "ingressclasses", false, List.of(), List.of()));
    r.add(withStatus(NETWORKING, "Ingress", "ingresses", List.of("ing")));
    r.add(
        regular(
            NETWORKING, "NetworkPolicy", "networkpolicies", true, List.of("netpol"), List.of()));

    // policy/v1
    r.add(withStatus(POLICY, "PodDisruptionBudget", "poddisruptionbudgets", List.of("pdb")));

    // rbac.authorization.k8s.io/v1
    r.add(regular(RBAC, "ClusterRoleBinding", "clusterrolebindings", false, List.of(), List.of()));
    r.add(regular(RBAC, "ClusterRole", "clusterroles", false, List.of(), List.of()));
    r.add(regular(RBAC, "RoleBinding", "rolebindings", true, List.of(), List.of()));
    r.add(regular(RBAC, "Role", "roles", true, List.of(), List.of()));

    // apiextensions.k8s.io/v1
    r.add(
        type(
            APIEXTENSIONS,
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            Verbs.ALL,
            List.of("crd", "crds"),
            List.of("api-extensions"),
            List.of(
                Subresource.status(
                    new GroupVersionKind(APIEXTENSIONS, "v1", "CustomResourceDefinition")))));

    // scheduling.k8s.io/v1
    r.add(regular(SCHEDULING, "PriorityClass", "priorityclasses", false, List.of("pc"), List.of()));

    // coordination.k8s.io/v1
    r.add(
        type(
            COORDINATION,
            "v1",
            "Lease",
            "leases",
            true,
            Verbs.ALL,
            List.of(),
            List.of(),
            List.of()));

    // discovery.k8s.io/v1
    r.add(
        type(
            DISCOVERY,
            "v1",
            "EndpointSlice",
            "endpointslices",
            true,
            Verbs.ALL,
            List.of(),
            List.of(),
            List.of()));
    return List.copyOf(r);
  }

  /** A cluster-scoped review kind: create only, answered in the response, never stored. */
  private static ResourceType review(String group, String kind, String plural) {
    return type(
        group, "v1", kind, plural, false, Verbs.CREATE_ONLY, List.of(), List.of(), List.of());
  }

  private static GroupVersionKind core(String kind) {
    return new GroupVersionKind(CORE, "v1", kind);
  }

  private static ResourceType regular(
      String group,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories) {
    return type(
        group, "v1", kind, plural, namespaced, Verbs.ALL, shortNames, categories, List.of());
  }

  /** A namespaced v1 resource with every verb and a {@code status} subresource. */
  private static ResourceType withStatus(
      String group, String kind, String plural, List<String> shortNames) {
    GroupVersionKind gvk = new GroupVersionKind(group, "v1", kind);
    return type(
        group,
        "v1",
        kind,
        plural,
        true,
        Verbs.ALL,
        shortNames,
        List.of(),
        List.of(Subresource.status(gvk)));
  }

  /** A namespaced workload in category {@code all} with status and optionally scale. */
  private static ResourceType workload(
      String group,
      String version,
      String kind,
      String plural,
      List<String> shortNames,
      boolean scale) {
    GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
    List<Subresource> subs =
        scale
            ? List.of(Subresource.scale(), Subresource.status(gvk))
            : List.of(Subresource.status(gvk));
    return type(group, version, kind, plural, true, Verbs.ALL, shortNames, ALL_CATEGORY, subs);
  }

  private static ResourceType type(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      List<String> verbs,
      List<String> shortNames,
      List<String> categories,
      List<Subresource> subresources) {
    GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
    return new ResourceType(
        group,
        version,
        kind,
        plural,
        null,
        shortNames,
        namespaced,
        verbs,
        categories,
        subresources,
        null,
        ResourceType.conventionalTypeName(gvk));
  }
}

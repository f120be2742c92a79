package dev.keelson.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RBAC, policy, scheduling, networking and quota kinds are registered as kube-apiserver's
 * discovery shows them ({@code kubectl api-resources -o wide}).
 */
class BuiltinKindsRegistryTest {
  private final ResourceRegistry registry = ResourceRegistry.builtins();

  private ResourceType type(String group, String plural) {
    return registry.byGroupResource(GroupResource.of(group, plural)).orElseThrow();
  }

  @Test
  void shortNamesResolve() {
    assertThat(registry.resolve("pdb").orElseThrow().kind()).isEqualTo("PodDisruptionBudget");
    assertThat(registry.resolve("pc").orElseThrow().kind()).isEqualTo("PriorityClass");
    assertThat(registry.resolve("ing").orElseThrow().kind()).isEqualTo("Ingress");
    assertThat(registry.resolve("netpol").orElseThrow().kind()).isEqualTo("NetworkPolicy");
    assertThat(registry.resolve("quota").orElseThrow().kind()).isEqualTo("ResourceQuota");
    assertThat(registry.resolve("limits").orElseThrow().kind()).isEqualTo("LimitRange");
  }

  @Test
  void scopeSingularVerbsAndStatus() {
    String rbac = "rbac.authorization.k8s.io";
    for (ResourceType t :
        List.of(
            type(rbac, "roles"),
            type(rbac, "rolebindings"),
            type("", "resourcequotas"),
            type("", "limitranges"),
            type("networking.k8s.io", "ingresses"),
            type("networking.k8s.io", "networkpolicies"),
            type("policy", "poddisruptionbudgets"))) {
      assertThat(t.namespaced()).as(t.plural()).isTrue();
      assertThat(t.verbs()).as(t.plural()).isEqualTo(Verbs.ALL);
      assertThat(t.isTyped()).as(t.plural()).isTrue();
    }
    for (ResourceType t :
        List.of(
            type(rbac, "clusterroles"),
            type(rbac, "clusterrolebindings"),
            type("scheduling.k8s.io", "priorityclasses"),
            type("networking.k8s.io", "ingressclasses"))) {
      assertThat(t.namespaced()).as(t.plural()).isFalse();
      assertThat(t.isTyped()).as(t.plural()).isTrue();
    }
    assertThat(type("policy", "poddisruptionbudgets").singular()).isEqualTo("poddisruptionbudget");
    assertThat(type("", "resourcequotas").subresource("status")).isPresent();
    assertThat(type("networking.k8s.io", "ingresses").subresource("status")).isPresent();
    assertThat(type("policy", "poddisruptionbudgets").subresource("status")).isPresent();
    assertThat(type(rbac, "roles").subresources()).isEmpty();
    assertThat(type("networking.k8s.io", "networkpolicies").subresources()).isEmpty();
    assertThat(type("", "resourcequotas").javaTypeName())
        .isEqualTo("dev.keelson.api.core.v1.ResourceQuota");
    assertThat(type(rbac, "clusterroles").javaTypeName())
        .isEqualTo("dev.keelson.api.rbac.v1.ClusterRole");
  }

  @Test
  void groupsListTheirResourcesAlphabetically() {
    assertThat(registry.resources("rbac.authorization.k8s.io", "v1"))
        .extracting(ResourceType::plural)
        .containsExactly("clusterrolebindings", "clusterroles", "rolebindings", "roles");
    assertThat(registry.resources("networking.k8s.io", "v1"))
        .extracting(ResourceType::plural)
        .containsExactly("ingressclasses", "ingresses", "networkpolicies");
  }
}

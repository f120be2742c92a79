package dev.keelson.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {
  private final ResourceRegistry registry = ResourceRegistry.builtins();

  private ApiSnapshot snapshot() {
    return ApiSnapshot.of(registry);
  }

  static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  static JsonNode entry(JsonNode list, String field, String name) {
    for (JsonNode e : list) {
      if (e.path(field).asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }

  @Test
  void apiVersionsListsV1AndOneServerAddressForEveryClient() {
    ObjectNode doc = DiscoveryDocuments.apiVersions(snapshot(), "127.0.0.1:6443");
    assertThat(fields(doc)).containsExactly("kind", "versions", "serverAddressByClientCIDRs");
    assertThat(doc.get("kind").asText()).isEqualTo("APIVersions");
    assertThat(texts(doc.get("versions"))).containsExactly("v1");
    JsonNode address = doc.get("serverAddressByClientCIDRs").get(0);
    assertThat(fields(address)).containsExactly("clientCIDR", "serverAddress");
    assertThat(address.get("clientCIDR").asText()).isEqualTo("0.0.0.0/0");
    assertThat(address.get("serverAddress").asText()).isEqualTo("127.0.0.1:6443");
  }

  @Test
  void apiGroupListHasTheNamedGroupsInKubernetesPriorityOrder() {
    ObjectNode doc = DiscoveryDocuments.apiGroupList(snapshot());
    assertThat(fields(doc)).containsExactly("kind", "apiVersion", "groups");
    assertThat(doc.get("kind").asText()).isEqualTo("APIGroupList");
    assertThat(doc.get("apiVersion").asText()).isEqualTo("v1");
    List<String> names = new ArrayList<>();
    doc.get("groups").forEach(g -> names.add(g.get("name").asText()));
    assertThat(names)
        .containsExactly(
            "apps",
            "events.k8s.io",
            "authentication.k8s.io",
            "authorization.k8s.io",
            "batch",
            "networking.k8s.io",
            "policy",
            "rbac.authorization.k8s.io",
            "apiextensions.k8s.io",
            "scheduling.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io");
    JsonNode apps = doc.get("groups").get(0);
    assertThat(fields(apps)).containsExactly("name", "versions", "preferredVersion");
    assertThat(fields(apps.get("versions").get(0))).containsExactly("groupVersion", "version");
    assertThat(apps.at("/versions/0/groupVersion").asText()).isEqualTo("apps/v1");
    assertThat(apps.at("/preferredVersion/groupVersion").asText()).isEqualTo("apps/v1");
    assertThat(apps.at("/preferredVersion/version").asText()).isEqualTo("v1");
  }

  @Test
  void podsAndTheirSubresourcesAreSeparateEntriesOfTheCoreResourceList() {
    JsonNode doc = DiscoveryDocuments.apiResourceList(snapshot(), "", "v1").orElseThrow();
    assertThat(fields(doc)).containsExactly("kind", "apiVersion", "groupVersion", "resources");
    assertThat(doc.get("kind").asText()).isEqualTo("APIResourceList");
    assertThat(doc.get("groupVersion").asText()).isEqualTo("v1");
    JsonNode resources = doc.get("resources");

    JsonNode pods = entry(resources, "name", "pods");
    assertThat(fields(pods))
        .containsExactly(
            "name",
            "singularName",
            "namespaced",
            "kind",
            "verbs",
            "shortNames",
            "categories",
            "storageVersionHash");
    assertThat(pods.get("singularName").asText()).isEqualTo("pod");
    assertThat(pods.get("namespaced").asBoolean()).isTrue();
    assertThat(pods.get("kind").asText()).isEqualTo("Pod");
    assertThat(texts(pods.get("verbs")))
        .containsExactly(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    assertThat(texts(pods.get("shortNames"))).containsExactly("po");
    assertThat(texts(pods.get("categories"))).containsExactly("all");
    // the value kube-apiserver publishes for pods
    assertThat(pods.get("storageVersionHash").asText()).isEqualTo("xPOwRZ+Yhw8=");

    JsonNode status = entry(resources, "name", "pods/status");
    assertThat(fields(status))
        .containsExactly("name", "singularName", "namespaced", "kind", "verbs");
    assertThat(status.get("singularName").asText()).isEmpty();
    assertThat(status.get("kind").asText()).isEqualTo("Pod");
    assertThat(texts(status.get("verbs"))).containsExactly("get", "patch", "update");

    JsonNode eviction = entry(resources, "name", "pods/eviction");
    assertThat(fields(eviction))
        .containsExactly("name", "singularName", "namespaced", "group", "version", "kind", "verbs");
    assertThat(eviction.get("group").asText()).isEqualTo("policy");
    assertThat(eviction.get("version").asText()).isEqualTo("v1");
    assertThat(eviction.get("kind").asText()).isEqualTo("Eviction");
    assertThat(texts(eviction.get("verbs"))).containsExactly("create");

    assertThat(texts(entry(resources, "name", "pods/log").get("verbs"))).containsExactly("get");
    assertThat(texts(entry(resources, "name", "pods/exec").get("verbs")))
        .containsExactly("create", "get");
    assertThat(entry(resources, "name", "pods/binding").get("kind").asText()).isEqualTo("Binding");

    List<String> names = new ArrayList<>();
    resources.forEach(r -> names.add(r.get("name").asText()));
    assertThat(names).containsSubsequence("pods", "pods/attach", "pods/binding", "pods/status");
  }

  @Test
  void deploymentScaleIsAnAutoscalingV1Scale() {
    JsonNode doc = DiscoveryDocuments.apiResourceList(snapshot(), "apps", "v1").orElseThrow();
    assertThat(doc.get("groupVersion").asText()).isEqualTo("apps/v1");
    JsonNode deployments = entry(doc.get("resources"), "name", "deployments");
    assertThat(texts(deployments.get("shortNames"))).containsExactly("deploy");
    assertThat(deployments.get("storageVersionHash").asText()).isEqualTo("8aSe+NMegvE=");
    JsonNode scale = entry(doc.get("resources"), "name", "deployments/scale");
    assertThat(fields(scale))
        .containsExactly("name", "singularName", "namespaced", "group", "version", "kind", "verbs");
    assertThat(scale.get("group").asText()).isEqualTo("autoscaling");
    assertThat(scale.get("version").asText()).isEqualTo("v1");
    assertThat(scale.get("kind").asText()).isEqualTo("Scale");
    assertThat(texts(scale.get("verbs"))).containsExactly("get", "patch", "update");
  }

  @Test
  void nodesAreClusterScoped() {
    JsonNode core = DiscoveryDocuments.apiResourceList(snapshot(), "", "v1").orElseThrow();
    JsonNode nodes = entry(core.get("resources"), "name", "nodes");
    assertThat(nodes.get("namespaced").asBoolean()).isFalse();
    assertThat(nodes.get("storageVersionHash").asText()).isEqualTo("XwShjMxG9Fs=");
    assertThat(entry(core.get("resources"), "name", "nodes/status").get("namespaced").asBoolean())
        .isFalse();

    JsonNode aggregated = DiscoveryDocuments.aggregated(snapshot(), true, "apidiscovery.k8s.io/v2");
    JsonNode agNodes = entry(aggregated.at("/items/0/versions/0/resources"), "resource", "nodes");
    assertThat(agNodes.get("scope").asText()).isEqualTo("Cluster");
    JsonNode agPods = entry(aggregated.at("/items/0/versions/0/resources"), "resource", "pods");
    assertThat(agPods.get("scope").asText()).isEqualTo("Namespaced");
  }

  @Test
  void unknownGroupsAndVersionsHaveNoDocument() {
    assertThat(DiscoveryDocuments.apiResourceList(snapshot(), "apps", "v2")).isEmpty();
    assertThat(DiscoveryDocuments.apiResourceList(snapshot(), "nope.example.com", "v1")).isEmpty();
    assertThat(DiscoveryDocuments.apiGroup(snapshot(), "nope.example.com")).isEmpty();
    assertThat(DiscoveryDocuments.apiGroup(snapshot(), "apps").orElseThrow().get("kind").asText())
        .isEqualTo("APIGroup");
  }

  @Test
  void aggregatedApisHasTheDiscoveryV2Shape() {
    JsonNode doc = DiscoveryDocuments.aggregated(snapshot(), false, "apidiscovery.k8s.io/v2");
    assertThat(fields(doc)).containsExactly("kind", "apiVersion", "metadata", "items");
    assertThat(doc.get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    assertThat(doc.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
    assertThat(doc.get("metadata").isEmpty()).isTrue();
    JsonNode apps = doc.at("/items/0");
    assertThat(fields(apps)).containsExactly("metadata", "versions");
    assertThat(apps.at("/metadata/name").asText()).isEqualTo("apps");
    JsonNode v1 = apps.at("/versions/0");
    assertThat(fields(v1)).containsExactly("version", "resources", "freshness");
    assertThat(v1.get("freshness").asText()).isEqualTo("Current");
    JsonNode deployments = entry(v1.get("resources"), "resource", "deployments");
    assertThat(fields(deployments))
        .containsExactly(
            "resource",
            "responseKind",
            "scope",
            "singularResource",
            "verbs",
            "shortNames",
            "categories",
            "subresources");
    assertThat(deployments.get("responseKind"))
        .isEqualTo(
            DiscoveryHandlerHttpTest.json(
                "{\"group\":\"\",\"version\":\"\",\"kind\":\"Deployment\"}"));
    assertThat(deployments.get("singularResource").asText()).isEqualTo("deployment");
    JsonNode scale = entry(deployments.get("subresources"), "subresource", "scale");
    assertThat(fields(scale)).containsExactly("subresource", "responseKind", "verbs");
    assertThat(scale.get("responseKind"))
        .isEqualTo(
            DiscoveryHandlerHttpTest.json(
                "{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}"));
    assertThat(texts(scale.get("verbs"))).containsExactly("get", "patch", "update");
  }

  @Test
  void aggregatedApiCarriesOnlyTheCoreGroupWithoutAName() {
    JsonNode doc = DiscoveryDocuments.aggregated(snapshot(), true, "apidiscovery.k8s.io/v2");
    assertThat(doc.get("items")).hasSize(1);
    assertThat(doc.at("/items/0/metadata").isEmpty()).isTrue();
    assertThat(doc.at("/items/0/versions/0/version").asText()).isEqualTo("v1");
    JsonNode pods = entry(doc.at("/items/0/versions/0/resources"), "resource", "pods");
    assertThat(texts(pods.get("shortNames"))).containsExactly("po");
  }

  @Test
  void aCustomResourceAppearsWhenRegisteredAndDisappearsWhenRemoved() {
    ResourceType widget =
        ResourceType.of("example.com", "v1", "Widget", "widgets", true)
            .withShortNames(List.of("wd"))
            .withSubresources(
                List.of(
                    Subresource.status(
                        ResourceType.of("example.com", "v1", "Widget", "widgets", true).gvk()),
                    Subresource.scale()));
    SnapshotCache<String, JsonNode> cache = new SnapshotCache<>(registry);
    assertThat(
            cache.get("apis", (s, k) -> (JsonNode) DiscoveryDocuments.apiGroupList(s)).toString())
        .doesNotContain("example.com");

    registry.register(widget);
    JsonNode groups = cache.get("apis", (s, k) -> (JsonNode) DiscoveryDocuments.apiGroupList(s));
    assertThat(groups.toString()).contains("\"name\":\"example.com\"");
    JsonNode list =
        DiscoveryDocuments.apiResourceList(cache.snapshot(), "example.com", "v1").orElseThrow();
    assertThat(entry(list.get("resources"), "name", "widgets").get("shortNames").get(0).asText())
        .isEqualTo("wd");
    assertThat(entry(list.get("resources"), "name", "widgets/scale").get("group").asText())
        .isEqualTo("autoscaling");
    assertThat(
            DiscoveryDocuments.aggregated(cache.snapshot(), false, "apidiscovery.k8s.io/v2")
                .toString())
        .contains("\"resource\":\"widgets\"");

    registry.removeAll(new GroupResource("example.com", "widgets"));
    assertThat(
            cache.get("apis", (s, k) -> (JsonNode) DiscoveryDocuments.apiGroupList(s)).toString())
        .doesNotContain("example.com");
    assertThat(DiscoveryDocuments.apiResourceList(cache.snapshot(), "example.com", "v1")).isEmpty();
  }

  @Test
  void acceptNegotiationFollowsKubeApiserver() {
    String v2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    String v2beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    Map<String, DiscoveryFormat> cases =
        Map.of(
            v2 + "," + v2beta1 + ",application/json",
            DiscoveryFormat.AGGREGATED_V2,
            v2beta1 + ",application/json",
            DiscoveryFormat.AGGREGATED_V2BETA1,
            "application/json",
            DiscoveryFormat.LEGACY,
            "*/*",
            DiscoveryFormat.LEGACY,
            "application/json;q=1," + v2 + ";q=0.5",
            DiscoveryFormat.LEGACY,
            "application/json," + v2,
            DiscoveryFormat.AGGREGATED_V2,
            "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + v2,
            DiscoveryFormat.AGGREGATED_V2,
            "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json",
            DiscoveryFormat.LEGACY);
    cases.forEach(
        (accept, expected) ->
            assertThat(DiscoveryFormat.negotiate(accept, true)).as(accept).isEqualTo(expected));
    assertThat(DiscoveryFormat.negotiate(null, true)).isEqualTo(DiscoveryFormat.LEGACY);
    assertThat(DiscoveryFormat.negotiate(v2 + ",application/json", false))
        .isEqualTo(DiscoveryFormat.LEGACY);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DiscoveryFormat.negotiate("text/html", true))
        .isInstanceOf(dev.keelson.api.errors.NotAcceptableException.class);
  }
}

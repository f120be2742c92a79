package dev.keelson.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.discovery.ApiSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
  private final ResourceRegistry registry = ResourceRegistry.builtins();

  private JsonNode doc(String group, String version) {
    return OpenApiDocuments.groupVersion(
            ApiSnapshot.of(registry), group, version, CustomResourceSchemas.NONE)
        .orElseThrow();
  }

  static JsonNode json(String text) {
    return KubeJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode schema(JsonNode doc, String name) {
    JsonNode s = doc.path("components").path("schemas").path(name);
    assertThat(s.isObject()).as("schema " + name).isTrue();
    return s;
  }

  private static List<String> paramNames(JsonNode op) {
    List<String> out = new ArrayList<>();
    op.get("parameters").forEach(p -> out.add(p.get("name").asText()));
    return out;
  }

  @Test
  void coreDocumentHasPodPathsWithKindsActionsAndFieldValidationOnPatch() {
    JsonNode doc = doc("", "v1");
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.at("/info/title").asText()).isEqualTo("Kubernetes");
    JsonNode paths = doc.get("paths");
    assertThat(paths.has("/api/v1/namespaces/{namespace}/pods")).isTrue();
    assertThat(paths.has("/api/v1/pods")).isTrue();
    assertThat(paths.has("/api/v1/namespaces/{namespace}/pods/{name}/status")).isTrue();

    JsonNode item = paths.get("/api/v1/namespaces/{namespace}/pods/{name}");
    assertThat(paramNames(item)).containsExactly("name", "namespace", "pretty");
    JsonNode patch = item.get("patch");
    assertThat(patch.get("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(patch.get("x-kubernetes-group-version-kind"))
        .isEqualTo(json("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}"));
    assertThat(paramNames(patch)).contains("fieldValidation", "fieldManager", "dryRun", "force");
    assertThat(patch.get("operationId").asText()).isEqualTo("patchCoreV1NamespacedPod");
    assertThat(patch.at("/requestBody/content").has("application/strategic-merge-patch+json"))
        .isTrue();
    assertThat(patch.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");

    JsonNode list = paths.get("/api/v1/namespaces/{namespace}/pods").get("get");
    assertThat(list.get("x-kubernetes-action").asText()).isEqualTo("list");
    assertThat(list.get("operationId").asText()).isEqualTo("listCoreV1NamespacedPod");
    assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodList");
    assertThat(paths.at("/~1api~1v1~1pods/get/operationId").asText())
        .isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(
            paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods/post/x-kubernetes-action").asText())
        .isEqualTo("post");
    assertThat(paramNames(paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods/post")))
        .contains("fieldValidation");
  }

  @Test
  void nodesHaveClusterScopedPaths() {
    JsonNode paths = doc("", "v1").get("paths");
    assertThat(paths.has("/api/v1/nodes")).isTrue();
    assertThat(paths.has("/api/v1/nodes/{name}")).isTrue();
    assertThat(paths.has("/api/v1/nodes/{name}/status")).isTrue();
    assertThat(paths.has("/api/v1/namespaces/{namespace}/nodes")).isFalse();
    assertThat(paramNames(paths.get("/api/v1/nodes/{name}"))).containsExactly("name", "pretty");
    assertThat(paths.at("/~1api~1v1~1nodes~1{name}/patch/operationId").asText())
        .isEqualTo("patchCoreV1Node");
  }

  @Test
  void podSchemaIsNamedAsKubernetesNamesItAndCarriesItsKind() {
    JsonNode doc = doc("", "v1");
    JsonNode pod = schema(doc, "io.k8s.api.core.v1.Pod");
    assertThat(pod.get("x-kubernetes-group-version-kind"))
        .isEqualTo(json("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]"));
    assertThat(pod.get("type").asText()).isEqualTo("object");
    assertThat(pod.at("/properties/apiVersion/type").asText()).isEqualTo("string");
    assertThat(pod.at("/properties/metadata/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(pod.at("/properties/spec/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
    assertThat(pod.at("/properties/spec/description").asText()).startsWith("The desired state");
    assertThat(pod.at("/properties/kind/description").asText()).startsWith("Kind is");

    JsonNode containers = schema(doc, "io.k8s.api.core.v1.PodSpec").at("/properties/containers");
    assertThat(containers.get("type").asText()).isEqualTo("array");
    assertThat(containers.at("/items/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(
            schema(doc, "io.k8s.api.core.v1.PodSpec")
                .at("/properties/volumes/x-kubernetes-patch-strategy")
                .asText())
        .isEqualTo("merge,retainKeys");

    JsonNode port = schema(doc, "io.k8s.api.core.v1.ContainerPort");
    assertThat(port.at("/properties/containerPort"))
        .isEqualTo(json("{\"type\":\"integer\",\"format\":\"int32\"}"));
    JsonNode limits =
        schema(doc, "io.k8s.api.core.v1.ResourceRequirements").at("/properties/limits");
    assertThat(limits.get("type").asText()).isEqualTo("object");
    assertThat(limits.at("/additionalProperties/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");

    JsonNode meta = schema(doc, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(meta.at("/properties/creationTimestamp"))
        .isEqualTo(json("{\"type\":\"string\",\"format\":\"date-time\"}"));
    assertThat(meta.at("/properties/labels"))
        .isEqualTo(json("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"));
    assertThat(meta.at("/properties/generation/format").asText()).isEqualTo("int64");
    assertThat(schema(doc, "io.k8s.api.core.v1.PodList").get("x-kubernetes-group-version-kind"))
        .isEqualTo(json("[{\"group\":\"\",\"kind\":\"PodList\",\"version\":\"v1\"}]"));
  }

  @Test
  void deploymentDocumentHasScaleAndIntOrString() {
    JsonNode doc = doc("apps", "v1");
    JsonNode paths = doc.get("paths");
    JsonNode scale = paths.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
    assertThat(scale.at("/patch/x-kubernetes-group-version-kind"))
        .isEqualTo(json("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}"));
    assertThat(scale.at("/patch/operationId").asText())
        .isEqualTo("patchAppsV1NamespacedDeploymentScale");
    assertThat(
            schema(doc, "io.k8s.api.autoscaling.v1.Scale").get("x-kubernetes-group-version-kind"))
        .isEqualTo(json("[{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}]"));
    assertThat(
            paths.at(
                "/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch/x-kubernetes-group-version-kind"))
        .isEqualTo(json("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}"));
    assertThat(
            schema(doc, "io.k8s.api.apps.v1.DeploymentSpec")
                .at("/properties/strategy/x-kubernetes-patch-strategy")
                .asText())
        .isEqualTo("retainKeys");
    JsonNode surge =
        schema(doc, "io.k8s.api.apps.v1.RollingUpdateDeployment").at("/properties/maxSurge");
    assertThat(surge.get("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    JsonNode intOrString = schema(doc, "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(intOrString.get("x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(intOrString.get("anyOf"))
        .isEqualTo(json("[{\"type\":\"integer\"},{\"type\":\"string\"}]"));
    // the pod template is in the apps document, without a kind of its own
    assertThat(
            schema(doc, "io.k8s.api.core.v1.PodTemplateSpec")
                .has("x-kubernetes-group-version-kind"))
        .isFalse();
  }

  @Test
  void everyReferenceResolvesInEveryDocument() {
    ApiSnapshot snapshot = ApiSnapshot.of(registry);
    for (String group : snapshot.groups()) {
      for (String version : snapshot.versions(group)) {
        JsonNode doc = doc(group, version);
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).as(group + "/" + version).isNotEmpty();
        for (String ref : refs) {
          assertThat(ref).startsWith("#/components/schemas/");
          assertThat(
                  doc.at("/components/schemas")
                      .has(ref.substring("#/components/schemas/".length())))
              .as(group + "/" + version + " " + ref)
              .isTrue();
        }
      }
    }
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(e -> collectRefs(e, out));
    }
  }

  @Test
  void customResourceSchemasComeFromTheHook() {
    registry.register(ResourceType.of("example.com", "v1", "Widget", "widgets", true));
    registry.register(ResourceType.of("example.com", "v1", "Gizmo", "gizmos", false));
    JsonNode declared =
        json(
            "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\"}}}}}");
    CustomResourceSchemas hook =
        gvk -> gvk.kind().equals("Widget") ? Optional.of(declared) : Optional.empty();
    JsonNode doc =
        OpenApiDocuments.groupVersion(ApiSnapshot.of(registry), "example.com", "v1", hook)
            .orElseThrow();
    JsonNode widget = schema(doc, "com.example.v1.Widget");
    assertThat(widget.at("/properties/spec/properties/size/type").asText()).isEqualTo("integer");
    assertThat(widget.at("/properties/metadata/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(widget.get("x-kubernetes-group-version-kind"))
        .isEqualTo(json("[{\"group\":\"example.com\",\"kind\":\"Widget\",\"version\":\"v1\"}]"));
    assertThat(declared.at("/properties/metadata").isMissingNode())
        .as("hook tree untouched")
        .isTrue();
    JsonNode gizmo = schema(doc, "com.example.v1.Gizmo");
    assertThat(gizmo.get("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    JsonNode patch =
        doc.at("/paths/~1apis~1example.com~1v1~1namespaces~1{namespace}~1widgets~1{name}/patch");
    assertThat(patch.at("/requestBody/content").has("application/strategic-merge-patch+json"))
        .isFalse();
    assertThat(paramNames(patch)).contains("fieldValidation");
    assertThat(doc.at("/paths").has("/apis/example.com/v1/gizmos/{name}")).isTrue();
    assertThat(new GroupVersionKind("example.com", "v1", "Widget"))
        .isEqualTo(ResourceType.of("example.com", "v1", "Widget", "widgets", true).gvk());
  }
}

package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apply.FieldSet;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply over HTTP: {@code application/apply-patch+yaml} with fieldManager and force,
 * managedFields for Apply and Update operations, 409 conflicts as Kubernetes words them, removal of
 * fields a manager stops applying, and the same for a custom resource through its CRD's list types.
 */
class ServerSideApplyApiTest {
  private static final String APPLY = "application/apply-patch+yaml";
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static ApiServer server;
  private static HttpApi api;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String deployment(String name, String spec) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
  }

  private static final String TEMPLATE =
      "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
          + "      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n"
          + "        image: app:1\n";

  private static Answer apply(String path, String manager, boolean force, String yaml)
      throws Exception {
    String q = "?fieldManager=" + manager + (force ? "&force=true" : "");
    return api.send("PATCH", path + q, APPLY, yaml, Map.of());
  }

  /** JSON written with ' for ". */
  private static String q(String json) {
    return json.replace('\'', '"');
  }

  /** The paths {@code manager}'s entry with {@code operation} owns. */
  private static List<String> owned(JsonNode obj, String manager, String operation) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)) {
        FieldSet.fromFieldsV1(e.get("fieldsV1")).sorted().forEach(p -> out.add(p.toString()));
      }
    }
    return out;
  }

  @Test
  void twoManagersConflictThenForceTakesTheFieldAndDroppedFieldsGo() throws Exception {
    String path = DEPLOYMENTS + "/web";
    Answer created =
        apply(path, "a", false, deployment("web", "  replicas: 2\n  paused: true\n" + TEMPLATE));
    assertThat(created.code()).as(created.raw().body()).isEqualTo(201);
    assertThat(owned(created.json(), "a", "Apply"))
        .contains(".spec.replicas", ".spec.paused", ".spec.selector")
        .doesNotContain(".metadata.name");
    JsonNode entry = created.json().at("/metadata/managedFields/0");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(entry.path("time").asText()).isNotEmpty();

    Answer conflict = apply(path, "b", false, deployment("web", "  replicas: 3\n"));
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.text("/reason")).isEqualTo("Conflict");
    assertThat(conflict.text("/message"))
        .isEqualTo("Apply failed with 1 conflict: conflict with \"a\": .spec.replicas");
    assertThat(conflict.json().at("/details/causes/0/reason").asText())
        .isEqualTo("FieldManagerConflict");
    assertThat(conflict.json().at("/details/causes/0/message").asText())
        .isEqualTo("conflict with \"a\"");
    assertThat(conflict.json().at("/details/causes/0/field").asText()).isEqualTo(".spec.replicas");
    assertThat(api.get(path).json().at("/spec/replicas").asInt()).isEqualTo(2);

    Answer forced = apply(path, "b", true, deployment("web", "  replicas: 3\n"));
    assertThat(forced.code()).as(forced.raw().body()).isEqualTo(200);
    assertThat(forced.json().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owned(forced.json(), "b", "Apply")).containsExactly(".spec.replicas");
    assertThat(owned(forced.json(), "a", "Apply")).doesNotContain(".spec.replicas");
    assertThat(forced.json().at("/metadata/generation").asInt()).isEqualTo(2);

    Answer dropped = apply(path, "a", false, deployment("web", TEMPLATE));
    assertThat(dropped.code()).as(dropped.raw().body()).isEqualTo(200);
    assertThat(dropped.json().path("spec").has("paused")).isFalse();
    assertThat(dropped.json().at("/spec/replicas").asInt()).isEqualTo(3);

    Answer same = apply(path, "a", false, deployment("web", TEMPLATE));
    assertThat(same.text("/metadata/resourceVersion"))
        .as("a no-op apply writes nothing")
        .isEqualTo(dropped.text("/metadata/resourceVersion"));
  }

  @Test
  void applyWithoutFieldManagerIsInvalidAndForceOnlyGoesWithApply() throws Exception {
    Answer a =
        api.send("PATCH", DEPLOYMENTS + "/nomanager", APPLY, deployment("x", TEMPLATE), Map.of());
    assertThat(a.code()).isEqualTo(422);
    assertThat(a.text("/message"))
        .isEqualTo(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                + " for apply patch");
    Answer b =
        api.send(
            "PATCH",
            DEPLOYMENTS + "/nomanager?force=true",
            "application/merge-patch+json",
            "{}",
            Map.of());
    assertThat(b.code()).isEqualTo(422);
    assertThat(b.text("/message"))
        .contains("force: Forbidden: may not be specified for non-apply patch");
  }

  @Test
  void anApplyMustNameTheResourcesVersionAndHoldNoManagedFields() throws Exception {
    Answer wrong =
        apply(
            DEPLOYMENTS + "/v",
            "a",
            false,
            deployment("v", TEMPLATE).replace("apps/v1", "apps/v1beta1"));
    assertThat(wrong.code()).isEqualTo(400);
    assertThat(wrong.text("/message"))
        .isEqualTo(
            "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1,"
                + " expected: apps/v1");
    Answer managed =
        apply(
            DEPLOYMENTS + "/v",
            "a",
            false,
            deployment("v", TEMPLATE)
                .replace("  name: v\n", "  name: v\n  managedFields: [{manager: x}]\n"));
    assertThat(managed.code()).isEqualTo(400);
    assertThat(managed.text("/message")).isEqualTo("metadata.managedFields must be nil");
    Answer dup =
        apply(
            DEPLOYMENTS + "/v",
            "a",
            false,
            deployment("v", TEMPLATE + "      - name: app\n        image: other\n"));
    assertThat(dup.code()).isEqualTo(400);
    assertThat(dup.text("/message")).contains("duplicate entries for key [name=\"app\"]");
  }

  @Test
  void ordinaryWritesAreRecordedAsUpdatesByFieldManagerOrUserAgent() throws Exception {
    String cm = "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg'},'data':{'a':'1'}}";
    Answer created =
        api.send(
            "POST",
            "/api/v1/namespaces/default/configmaps?fieldManager=creator",
            "application/json",
            q(cm),
            Map.of());
    assertThat(created.code()).isEqualTo(201);
    assertThat(owned(created.json(), "creator", "Update")).contains(".data.a");

    Answer patched =
        api.send(
            "PATCH",
            "/api/v1/namespaces/default/configmaps/cfg",
            "application/merge-patch+json",
            q("{'data':{'b':'2'}}"),
            Map.of("User-Agent", "my-tool/1.0 (linux)"));
    assertThat(patched.code()).isEqualTo(200);
    assertThat(owned(patched.json(), "my-tool", "Update")).containsExactly(".data.b");
    assertThat(owned(patched.json(), "creator", "Update")).contains(".data.a");

    Answer reset =
        api.send(
            "PATCH",
            "/api/v1/namespaces/default/configmaps/cfg",
            "application/merge-patch+json",
            q("{'metadata':{'managedFields':[{}]}}"),
            Map.of());
    assertThat(reset.code()).isEqualTo(200);
    assertThat(reset.json().path("metadata").has("managedFields")).isFalse();
  }

  @Test
  void dryRunApplyPersistsNothing() throws Exception {
    Answer a =
        api.send(
            "PATCH",
            DEPLOYMENTS + "/dry?fieldManager=a&dryRun=All",
            APPLY,
            deployment("dry", TEMPLATE),
            Map.of());
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    assertThat(api.get(DEPLOYMENTS + "/dry").code()).isEqualTo(404);
  }

  @Test
  void statusWritesAreRecordedWithTheirSubresource() throws Exception {
    apply(DEPLOYMENTS + "/st", "a", false, deployment("st", TEMPLATE));
    Answer st =
        api.send(
            "PATCH",
            DEPLOYMENTS + "/st/status?fieldManager=ctrl",
            "application/merge-patch+json",
            q("{'status':{'replicas':1}}"),
            Map.of());
    assertThat(st.code()).as(st.raw().body()).isEqualTo(200);
    JsonNode entry = null;
    for (JsonNode e : st.json().at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals("ctrl")) {
        entry = e;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.path("subresource").asText()).isEqualTo("status");
    assertThat(owned(st.json(), "ctrl", "Update")).contains(".status.replicas");
    assertThat(owned(st.json(), "a", "Apply")).contains(".spec.selector");
  }

  @Test
  void customResourcesMergeByTheirSchemasListMapKeys() throws Exception {
    Answer crd =
        api.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            CustomResourceApiTest.widgetCrd("ssa.example.com"));
    assertThat(crd.code()).as(crd.raw().body()).isEqualTo(201);
    String path = "/apis/ssa.example.com/v1/namespaces/default/widgets/w";
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!CustomResourceApiTest.condition(
            api.get(
                    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.ssa.example.com")
                .json(),
            "Established")
        .equals("True")) {
      assertThat(Instant.now()).as("CRD established in time").isBefore(deadline);
      Thread.sleep(50); // poll until the deadline
    }
    Answer a =
        apply(
            path,
            "a",
            false,
            "apiVersion: ssa.example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n"
                + "  size: s\n  ports:\n  - {name: http, port: 80}\n");
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    assertThat(owned(a.json(), "a", "Apply"))
        .contains(".spec.ports[name=\"http\"]", ".spec.ports[name=\"http\"].port", ".spec.size");

    Answer b =
        apply(
            path,
            "b",
            false,
            "apiVersion: ssa.example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n"
                + "  ports:\n  - {name: metrics, port: 9090}\n");
    assertThat(b.code()).as(b.raw().body()).isEqualTo(200);
    assertThat(b.json().at("/spec/ports").size()).isEqualTo(2);

    Answer clash =
        apply(
            path,
            "b",
            false,
            "apiVersion: ssa.example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n"
                + "  size: m\n  ports:\n  - {name: http, port: 8080}\n");
    assertThat(clash.code()).isEqualTo(409);
    assertThat(clash.text("/message"))
        .isEqualTo(
            "Apply failed with 2 conflicts: conflicts with \"a\":\n"
                + "- .spec.ports[name=\"http\"].port\n- .spec.size");

    Answer dropped =
        apply(
            path,
            "a",
            false,
            "apiVersion: ssa.example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n"
                + "  size: s\n");
    assertThat(dropped.code()).as(dropped.raw().body()).isEqualTo(200);
    assertThat(dropped.json().at("/spec/ports").size()).isEqualTo(1);
    assertThat(dropped.json().at("/spec/ports/0/name").asText()).isEqualTo("metrics");
  }
}

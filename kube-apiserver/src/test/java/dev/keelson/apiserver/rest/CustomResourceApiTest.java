package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CustomResourceDefinitions over HTTP: a CRD's resource served at once with its status conditions,
 * its custom resources validated, pruned and defaulted by the schema, status and scale
 * subresources, several versions, and the CRD's deletion taking its objects with it.
 */
class CustomResourceApiTest {
  private static ApiServer server;
  private static HttpApi api;

  /** A CRD for {@code widgets.<group>} (kind Widget, short name wd, category all). */
  static String widgetCrd(String group) {
    return "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
        + "'metadata':{'name':'widgets."
        + group
        + "'},'spec':{'group':'"
        + group
        + "','scope':'Namespaced',"
        + "'names':{'plural':'widgets','singular':'widget','kind':'Widget','shortNames':['wd'],"
        + "'categories':['all']},"
        + "'versions':[{'name':'v1','served':true,'storage':true,"
        + "'subresources':{'status':{},'scale':{'specReplicasPath':'.spec.replicas',"
        + "'statusReplicasPath':'.status.replicas','labelSelectorPath':'.status.selector'}},"
        + "'additionalPrinterColumns':[{'name':'Replicas','type':'integer','jsonPath':'.spec.replicas'},"
        + "{'name':'Mode','type':'string','jsonPath':'.spec.mode'}],"
        + "'schema':{'openAPIV3Schema':{'type':'object','properties':{"
        + "'spec':{'type':'object','required':['size'],'properties':{"
        + "'replicas':{'type':'integer','minimum':0,'maximum':10,'default':1},"
        + "'size':{'type':'string','maxLength':5},"
        + "'mode':{'type':'string','enum':['a','b'],'default':'a'},"
        + "'extra':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
        + "'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
        + "'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'},"
        + "'port':{'type':'integer'}}}}}},"
        + "'status':{'type':'object','properties':{'replicas':{'type':'integer'},"
        + "'selector':{'type':'string'}}}}}}},"
        + "{'name':'v2','served':true,'storage':false,"
        + "'schema':{'openAPIV3Schema':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}"
        + "]}}";
  }

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
    Answer a =
        api.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd("example.com"));
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    awaitCrd("widgets.example.com", crd -> condition(crd, "Established").equals("True"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String condition(JsonNode crd, String type) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText();
      }
    }
    return "";
  }

  static JsonNode reason(JsonNode crd, String type) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return null;
  }

  static JsonNode awaitCrd(String name, Predicate<JsonNode> done) throws Exception {
    return await("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name, done);
  }

  static JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      Answer a = api.get(path);
      if (done.test(a.json())) {
        return a.json();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached in time: " + a.raw().body());
      }
      Thread.sleep(20);
    }
  }

  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

  @Test
  void theCrdIsEstablishedWithKubernetesConditions() throws Exception {
    JsonNode crd =
        api.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
            .json();
    JsonNode names = reason(crd, "NamesAccepted");
    assertThat(names.path("status").asText()).isEqualTo("True");
    assertThat(names.path("reason").asText()).isEqualTo("NoConflicts");
    assertThat(names.path("message").asText()).isEqualTo("no conflicts found");
    JsonNode established = reason(crd, "Established");
    assertThat(established.path("reason").asText()).isEqualTo("InitialNamesAccepted");
    assertThat(established.path("message").asText())
        .isEqualTo("the initial names have been accepted");
    assertThat(crd.at("/status/acceptedNames/kind").asText()).isEqualTo("Widget");
    assertThat(crd.at("/status/acceptedNames/listKind").asText()).isEqualTo("WidgetList");
    assertThat(crd.at("/status/storedVersions/0").asText()).isEqualTo("v1");
    assertThat(crd.at("/spec/conversion/strategy").asText()).isEqualTo("None");
    JsonNode discovery = api.get("/apis/example.com/v1").json();
    assertThat(discovery.toString())
        .contains("\"widgets\"", "\"widgets/status\"", "\"widgets/scale\"", "\"wd\"");
  }

  @Test
  void aConflictingPluralIsNotAccepted() throws Exception {
    Answer a =
        api.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            widgetCrd("example.com")
                .replace("'name':'widgets.example.com'", "'name':'gadgets.example.com'")
                .replace(
                    "'plural':'widgets','singular':'widget','kind':'Widget','shortNames':['wd']",
                    "'plural':'gadgets','singular':'gadget','kind':'Widget','shortNames':['gd']"));
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    JsonNode crd =
        awaitCrd("gadgets.example.com", c -> condition(c, "NamesAccepted").equals("False"));
    assertThat(reason(crd, "NamesAccepted").path("reason").asText()).isEqualTo("KindConflict");
    assertThat(reason(crd, "NamesAccepted").path("message").asText())
        .isEqualTo("\"Widget\" is already in use");
    assertThat(reason(crd, "Established").path("status").asText()).isEqualTo("False");
    assertThat(api.get("/apis/example.com/v1/namespaces/default/gadgets").code()).isEqualTo(404);
  }

  @Test
  void aNonStructuralSchemaIsRefusedWithTheReasons() throws Exception {
    Answer a =
        api.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                + "'metadata':{'name':'bad.example.com'},'spec':{'group':'example.com',"
                + "'scope':'Cluster','names':{'plural':'bads','kind':'Bad'},"
                + "'versions':[{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':"
                + "{'type':'object','properties':{'spec':{'properties':{'a':{'type':'string'}},"
                + "'additionalProperties':{'type':'string'}}}}}}]}}");
    assertThat(a.code()).isEqualTo(422);
    assertThat(a.text("/reason")).isEqualTo("Invalid");
    assertThat(a.text("/message"))
        .startsWith(
            "CustomResourceDefinition.apiextensions.k8s.io \"bad.example.com\" is invalid: [")
        .contains(
            "metadata.name: Invalid value: \"bad.example.com\": must be spec.names.plural+\".\"+spec.group",
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties: Forbidden:"
                + " additionalProperties and properties are mutual exclusive",
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not"
                + " be empty for specified object fields");
  }

  @Test
  void customResourcesAreDefaultedAndValidatedByTheSchema() throws Exception {
    Answer ok =
        api.post(
            WIDGETS,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w1'},'spec':{'size':'s'}}");
    assertThat(ok.code()).as(ok.raw().body()).isEqualTo(201);
    assertThat(ok.json().at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(ok.text("/spec/mode")).isEqualTo("a");
    assertThat(ok.json().at("/metadata/generation").asInt()).isEqualTo(1);

    Answer bad =
        api.post(
            WIDGETS,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w2'},"
                + "'spec':{'replicas':11,'mode':'x','size':'toolong','ports':[{'name':'a'},{'name':'a'}]}}");
    assertThat(bad.code()).isEqualTo(422);
    assertThat(bad.text("/message"))
        .isEqualTo(
            "Widget.example.com \"w2\" is invalid: ["
                + "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or"
                + " equal to 10, "
                + "spec.mode: Unsupported value: \"x\": supported values: \"a\", \"b\", "
                + "spec.size: Too long: may not be more than 5 bytes, "
                + "spec.ports[1]: Duplicate value: {\"name\":\"a\"}]");
    Answer missing =
        api.post(
            WIDGETS,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w3'},'spec':{}}");
    assertThat(missing.code()).isEqualTo(422);
    assertThat(missing.text("/details/causes/0/field")).isEqualTo("spec.size");
    assertThat(missing.text("/details/causes/0/message")).isEqualTo("Required value");
    Answer type =
        api.post(
            WIDGETS,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w3'},'spec':{'size':'s','replicas':'two'}}");
    assertThat(type.text("/details/causes/0/message"))
        .isEqualTo(
            "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
  }

  @Test
  void unknownFieldsArePrunedReportedOrRefused() throws Exception {
    String body =
        "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'NAME'},"
            + "'spec':{'size':'s','foo':1,'extra':{'kept':true}}}";
    Answer warn = api.post(WIDGETS, body.replace("NAME", "prune-warn"));
    assertThat(warn.code()).isEqualTo(201);
    assertThat(warn.header("warning")).isEqualTo("299 - \"unknown field \\\"spec.foo\\\"\"");
    assertThat(warn.json().at("/spec").has("foo")).isFalse();
    assertThat(warn.json().at("/spec/extra/kept").asBoolean()).isTrue();
    Answer strict =
        api.post(WIDGETS + "?fieldValidation=Strict", body.replace("NAME", "prune-strict"));
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.text("/message"))
        .isEqualTo(
            "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"");
    Answer ignore =
        api.post(WIDGETS + "?fieldValidation=Ignore", body.replace("NAME", "prune-ignore"));
    assertThat(ignore.code()).isEqualTo(201);
    assertThat(ignore.header("warning")).isNull();
    assertThat(api.get(WIDGETS + "/prune-ignore").json().at("/spec").has("foo")).isFalse();
  }

  @Test
  void statusAndSpecAreWrittenApartAndScaleWorks() throws Exception {
    Answer created =
        api.post(
            WIDGETS,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'sc'},'spec':{'size':'s','replicas':2},'status':{'replicas':9}}");
    assertThat(created.json().has("status")).isFalse();
    JsonNode obj = created.json();
    Answer status =
        api.send(
            "PATCH",
            WIDGETS + "/sc/status",
            "application/merge-patch+json",
            "{'status':{'replicas':2,'selector':'app=sc'},'spec':{'replicas':5}}");
    assertThat(status.code()).as(status.raw().body()).isEqualTo(200);
    assertThat(status.json().at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(status.json().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(status.json().at("/metadata/generation").asInt()).isEqualTo(1);
    Answer main =
        api.send(
            "PATCH",
            WIDGETS + "/sc",
            "application/merge-patch+json",
            "{'spec':{'replicas':3},'status':{'replicas':0}}");
    assertThat(main.json().at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(main.json().at("/metadata/generation").asInt()).isEqualTo(2);
    Answer scale = api.get(WIDGETS + "/sc/scale");
    assertThat(scale.text("/kind")).isEqualTo("Scale");
    assertThat(scale.json().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(scale.json().at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(scale.text("/status/selector")).isEqualTo("app=sc");
    Answer scaled =
        api.send(
            "PATCH",
            WIDGETS + "/sc/scale",
            "application/merge-patch+json",
            "{'spec':{'replicas':7}}");
    assertThat(scaled.code()).as(scaled.raw().body()).isEqualTo(200);
    assertThat(api.get(WIDGETS + "/sc").json().at("/spec/replicas").asInt()).isEqualTo(7);
    assertThat(obj.path("metadata").path("name").asText()).isEqualTo("sc");
  }

  @Test
  void everyServedVersionSeesTheObjectInItsOwnApiVersion() throws Exception {
    api.post(
        WIDGETS,
        "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'multi'},'spec':{'size':'s'}}");
    Answer v2 = api.get("/apis/example.com/v2/namespaces/default/widgets/multi");
    assertThat(v2.text("/apiVersion")).isEqualTo("example.com/v2");
    Answer list = api.get("/apis/example.com/v2/namespaces/default/widgets");
    assertThat(list.text("/items/0/apiVersion")).isEqualTo("example.com/v2");
    Answer created =
        api.post(
            "/apis/example.com/v2/namespaces/default/widgets",
            "{'apiVersion':'example.com/v2','kind':'Widget','metadata':{'name':'from-v2'},'spec':{'size':'s','any':1}}");
    assertThat(created.code()).as(created.raw().body()).isEqualTo(201);
    assertThat(api.get(WIDGETS + "/from-v2").text("/apiVersion")).isEqualTo("example.com/v1");
  }

  @Test
  void deletingTheCrdDeletesItsObjectsThenItself() throws Exception {
    String group = "delete.example.com";
    Answer a =
        api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(group));
    assertThat(a.code()).isEqualTo(201);
    awaitCrd("widgets." + group, crd -> condition(crd, "Established").equals("True"));
    String path = "/apis/" + group + "/v1/namespaces/default/widgets";
    for (int i = 0; i < 3; i++) {
      assertThat(
              api.post(
                      path,
                      "{'apiVersion':'"
                          + group
                          + "/v1','kind':'Widget','metadata':{'name':'d"
                          + i
                          + "'},'spec':{'size':'s'}}")
                  .code())
          .isEqualTo(201);
    }
    Answer deleted =
        api.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + group);
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.json().at("/metadata/finalizers/0").asText())
        .isEqualTo("customresourcecleanup.apiextensions.k8s.io");
    assertThat(reason(deleted.json(), "Terminating").path("reason").asText())
        .isEqualTo("InstanceDeletionPending");
    await(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + group,
        j -> j.path("code").asInt() == 404);
    // The resource stops being served when the server sees the CRD gone (as kube-apiserver's CRD
    // handler does through its informer), an instant after the CRD itself answers 404.
    await(path, j -> j.path("code").asInt() == 404);
    assertThat(
            server.registry().byGroupResource(dev.keelson.api.GroupResource.of(group, "widgets")))
        .isEmpty();
  }

  @Test
  void crdsAreServedAgainAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ApiServerConfig config = ApiServerConfig.loopback(0).plain().withStoreUri("file:" + dir);
    try (ApiServer first = ApiServer.start(config)) {
      HttpApi a = new HttpApi(first);
      assertThat(
              a.post(
                      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                      widgetCrd("restart.example.com"))
                  .code())
          .isEqualTo(201);
      String path = "/apis/restart.example.com/v1/namespaces/default/widgets";
      await(a, path, j -> j.path("kind").asText().equals("WidgetList"));
      assertThat(
              a.post(
                      path,
                      "{'apiVersion':'restart.example.com/v1','kind':'Widget',"
                          + "'metadata':{'name':'kept'},'spec':{'size':'s'}}")
                  .code())
          .isEqualTo(201);
    }
    try (ApiServer second = ApiServer.start(config)) {
      HttpApi b = new HttpApi(second);
      Answer got = b.get("/apis/restart.example.com/v1/namespaces/default/widgets/kept");
      assertThat(got.code()).as("served at start").isEqualTo(200);
      assertThat(got.json().at("/spec/replicas").asInt()).isEqualTo(1);
    }
  }

  static JsonNode await(HttpApi on, String path, Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      Answer a = on.get(path);
      if (done.test(a.json())) {
        return a.json();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached in time: " + a.raw().body());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void withoutAStatusSubresourceStatusIsPartOfTheObject() throws Exception {
    String path = "/apis/example.com/v2/namespaces/default/widgets";
    Answer created =
        api.post(
            path,
            "{'apiVersion':'example.com/v2','kind':'Widget','metadata':{'name':'plain'},"
                + "'spec':{'size':'s'},'status':{'phase':'new'}}");
    assertThat(created.code()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.text("/status/phase")).isEqualTo("new");
    Answer changed =
        api.send(
            "PATCH",
            path + "/plain",
            "application/merge-patch+json",
            "{'status':{'phase':'next'}}");
    assertThat(changed.text("/status/phase")).isEqualTo("next");
    assertThat(changed.json().at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(api.get(path + "/plain/status").code()).isEqualTo(404);
  }

  @Test
  void aTerminatingCrdRefusesNewObjects() throws Exception {
    String group = "held.example.com";
    assertThat(
            api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(group))
                .code())
        .isEqualTo(201);
    awaitCrd("widgets." + group, crd -> condition(crd, "Established").equals("True"));
    String path = "/apis/" + group + "/v1/namespaces/default/widgets";
    Answer held =
        api.post(
            path,
            "{'apiVersion':'"
                + group
                + "/v1','kind':'Widget','metadata':{'name':'held','finalizers':['example.com/hold']},"
                + "'spec':{'size':'s'}}");
    assertThat(held.code()).isEqualTo(201);
    api.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + group);
    JsonNode crd =
        awaitCrd(
            "widgets." + group,
            c ->
                reason(c, "Terminating") != null
                    && reason(c, "Terminating")
                        .path("reason")
                        .asText()
                        .equals("InstanceDeletionInProgress"));
    assertThat(reason(crd, "Terminating").path("message").asText())
        .isEqualTo("CustomResource deletion is in progress");
    Answer refused =
        api.post(
            path,
            "{'apiVersion':'"
                + group
                + "/v1','kind':'Widget','metadata':{'name':'late'},'spec':{'size':'s'}}");
    assertThat(refused.code()).isEqualTo(405);
    assertThat(refused.text("/message"))
        .isEqualTo(
            "create not allowed while custom resource definition is terminating is not supported"
                + " on resources of kind \"widgets.held.example.com\"");
    await(path + "/held", j -> j.at("/metadata/deletionTimestamp").isTextual());
    assertThat(
            api.send(
                    "PATCH",
                    path + "/held",
                    "application/merge-patch+json",
                    "{'metadata':{'finalizers':null}}")
                .code())
        .isEqualTo(200);
    await(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets." + group,
        j -> j.path("code").asInt() == 404);
  }

  @Test
  void aPluralServedByABuiltInResourceIsAConflict() throws Exception {
    Answer a =
        api.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                + "'metadata':{'name':'leases.coordination.k8s.io'},'spec':{'group':'coordination.k8s.io',"
                + "'scope':'Namespaced','names':{'plural':'leases','kind':'MyLease'},"
                + "'versions':[{'name':'v9','served':true,'storage':true,"
                + "'schema':{'openAPIV3Schema':{'type':'object'}}}]}}");
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    JsonNode crd =
        awaitCrd("leases.coordination.k8s.io", c -> condition(c, "NamesAccepted").equals("False"));
    assertThat(reason(crd, "NamesAccepted").path("reason").asText()).isEqualTo("PluralConflict");
    assertThat(reason(crd, "NamesAccepted").path("message").asText())
        .isEqualTo("\"leases\" is already in use");
    assertThat(api.get("/apis/coordination.k8s.io/v9/namespaces/default/leases").code())
        .isEqualTo(404);
    assertThat(api.get("/apis/coordination.k8s.io/v1/namespaces/default/leases").code())
        .isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentCarriesTheCrdSchema() throws Exception {
    JsonNode doc = api.get("/openapi/v3/apis/example.com/v1").json();
    JsonNode widget = doc.at("/components/schemas/com.example.v1.Widget");
    assertThat(widget.isObject())
        .as(doc.at("/components/schemas").fieldNames().toString())
        .isTrue();
    assertThat(widget.at("/properties/spec/properties/replicas/maximum").asInt()).isEqualTo(10);
    assertThat(widget.at("/properties/spec/required/0").asText()).isEqualTo("size");
    assertThat(widget.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Widget");
  }

  @Test
  void watchesServeTheirOwnVersion() throws Exception {
    api.post(
        WIDGETS,
        "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'watched'},"
            + "'spec':{'size':'s'}}");
    Answer events =
        api.get(
            "/apis/example.com/v2/namespaces/default/widgets?watch=true&timeoutSeconds=1"
                + "&fieldSelector=metadata.name%3Dwatched");
    String first = events.raw().body().lines().findFirst().orElse("");
    assertThat(first).contains("\"apiVersion\":\"example.com/v2\"").contains("\"ADDED\"");
  }
}

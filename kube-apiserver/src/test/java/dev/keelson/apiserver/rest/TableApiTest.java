package dev.keelson.apiserver.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Table form of get, list and watch over HTTP, with the Accept header kubectl get sends. */
class TableApiTest {
  /** What kubectl get sends for human-readable output. */
  static final String KUBECTL_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    ResourceRegistry registry = ResourceRegistry.builtins();
    registry.register(ResourceType.of("example.com", "v1", "Widget", "widgets", true));
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withoutAdmissionPlugins("ServiceAccount")
                .plain()
                .withRegistry(registry));
    for (String name : new String[] {"web-1", "web-2"}) {
      Answer a =
          send(
              "POST",
              "/api/v1/namespaces/default/pods",
              null,
              "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'"
                  + name
                  + "','labels':{'app':'web'}},'spec':{'containers':[{'name':'c','image':'nginx'}]}}");
      assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int code, JsonNode json, HttpResponse<String> raw) {}

  private static Answer send(String method, String path, String accept, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), KubeJson.parse(r.body().getBytes(UTF_8)), r);
  }

  private static Answer get(String path, String accept) throws Exception {
    return send("GET", path, accept, null);
  }

  @Test
  void listWithKubectlsAcceptHeaderIsATableWithPartialObjectMetadataRows() throws Exception {
    Answer a = get("/api/v1/namespaces/default/pods?limit=500", KUBECTL_ACCEPT);
    assertThat(a.code()).isEqualTo(200);
    assertThat(a.raw().headers().firstValue("content-type")).hasValue("application/json");
    JsonNode t = a.json();
    assertThat(t.get("kind").asText()).isEqualTo("Table");
    assertThat(t.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(t.at("/metadata/resourceVersion").asText()).isNotEmpty();
    assertThat(t.at("/columnDefinitions/0/name").asText()).isEqualTo("Name");
    assertThat(t.at("/columnDefinitions/5/name").asText()).isEqualTo("IP");
    assertThat(t.at("/columnDefinitions/5/priority").asInt()).isEqualTo(1);
    assertThat(t.get("rows")).hasSize(2);
    JsonNode row = t.at("/rows/0");
    assertThat(row.at("/cells/0").asText()).isEqualTo("web-1");
    assertThat(row.at("/cells/1").asText()).isEqualTo("0/1");
    assertThat(row.at("/cells/4").asText()).matches("\\d+s");
    assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(row.at("/object/apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(row.at("/object/metadata/namespace").asText()).isEqualTo("default");
    assertThat(row.at("/object/spec").isMissingNode()).isTrue();
  }

  @Test
  void paginatedTableCarriesTheContinueToken() throws Exception {
    JsonNode t = get("/api/v1/namespaces/default/pods?limit=1", KUBECTL_ACCEPT).json();
    assertThat(t.get("rows")).hasSize(1);
    String token = t.at("/metadata/continue").asText();
    assertThat(token).isNotEmpty();
    JsonNode next =
        get("/api/v1/namespaces/default/pods?limit=1&continue=" + token, KUBECTL_ACCEPT).json();
    assertThat(next.at("/rows/0/cells/0").asText()).isEqualTo("web-2");
  }

  @Test
  void includeObjectSelectsWhatRowsCarry() throws Exception {
    JsonNode full =
        get("/api/v1/namespaces/default/pods?includeObject=Object", KUBECTL_ACCEPT).json();
    assertThat(full.at("/rows/0/object/kind").asText()).isEqualTo("Pod");
    assertThat(full.at("/rows/0/object/spec/containers/0/image").asText()).isEqualTo("nginx");
    JsonNode none =
        get("/api/v1/namespaces/default/pods?includeObject=None", KUBECTL_ACCEPT).json();
    assertThat(none.at("/rows/0/object").isMissingNode()).isTrue();
    assertThat(none.at("/rows/0/cells/0").asText()).isEqualTo("web-1");

    Answer bad = get("/api/v1/namespaces/default/pods?includeObject=All", KUBECTL_ACCEPT);
    assertThat(bad.code()).isEqualTo(400);
    assertThat(bad.json().get("reason").asText()).isEqualTo("BadRequest");
    assertThat(bad.json().get("message").asText())
        .isEqualTo(
            "Unable to convert to Table as requested: includeObject: Unsupported value: \"All\":"
                + " supported values: \"Metadata\", \"None\", \"Object\"");
  }

  @Test
  void singleGetIsAOneRowTableAndPlainJsonStillWorks() throws Exception {
    JsonNode t = get("/api/v1/namespaces/default/pods/web-2", KUBECTL_ACCEPT).json();
    assertThat(t.get("kind").asText()).isEqualTo("Table");
    assertThat(t.get("rows")).hasSize(1);
    assertThat(t.at("/rows/0/cells/0").asText()).isEqualTo("web-2");
    assertThat(t.at("/metadata/resourceVersion").asText()).isNotEmpty();

    JsonNode plain = get("/api/v1/namespaces/default/pods/web-2", "application/json").json();
    assertThat(plain.get("kind").asText()).isEqualTo("Pod");
    assertThat(get("/api/v1/namespaces/default/pods", null).json().get("kind").asText())
        .isEqualTo("PodList");
  }

  @Test
  void v1beta1TableIsServedWhenOnlyItIsAccepted() throws Exception {
    JsonNode t =
        get("/api/v1/namespaces/default/pods", "application/json;as=Table;v=v1beta1;g=meta.k8s.io")
            .json();
    assertThat(t.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
    assertThat(t.at("/rows/0/object/apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
  }

  @Test
  void unservableTableFormIsNotAcceptable() throws Exception {
    Answer a =
        get("/api/v1/namespaces/default/pods", "application/json;as=Table;v=v2;g=meta.k8s.io");
    assertThat(a.code()).isEqualTo(406);
    assertThat(a.json().get("kind").asText()).isEqualTo("Status");
    assertThat(a.json().get("reason").asText()).isEqualTo("NotAcceptable");
  }

  @Test
  void clusterScopedAndDefaultTables() throws Exception {
    JsonNode ns = get("/api/v1/namespaces/default", KUBECTL_ACCEPT).json();
    assertThat(ns.at("/columnDefinitions/1/name").asText()).isEqualTo("Status");
    assertThat(ns.at("/rows/0/cells/1").asText()).isEqualTo("Active");
  }

  @Test
  void customResourceTableUsesTheCrdsPrinterColumns() throws Exception {
    Answer crd =
        send(
            "POST",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            null,
            "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com',"
                + "'scope':'Namespaced','names':{'plural':'widgets','singular':'widget',"
                + "'kind':'Widget','listKind':'WidgetList'},'versions':[{'name':'v1',"
                + "'served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object',"
                + "'x-kubernetes-preserve-unknown-fields':true}},'additionalPrinterColumns':["
                + "{'name':'Size','type':'integer','jsonPath':'.spec.size'},"
                + "{'name':'Age','type':'date','jsonPath':'.metadata.creationTimestamp'}]}]}}");
    assertThat(crd.code()).as(crd.raw().body()).isEqualTo(201);
    Answer w =
        send(
            "POST",
            "/apis/example.com/v1/namespaces/default/widgets",
            null,
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w1'},"
                + "'spec':{'size':7}}");
    assertThat(w.code()).as(w.raw().body()).isEqualTo(201);

    JsonNode t = get("/apis/example.com/v1/namespaces/default/widgets", KUBECTL_ACCEPT).json();
    assertThat(t.at("/columnDefinitions/1/name").asText()).isEqualTo("Size");
    assertThat(t.at("/columnDefinitions/2/type").asText()).isEqualTo("date");
    assertThat(t.at("/rows/0/cells/0").asText()).isEqualTo("w1");
    assertThat(t.at("/rows/0/cells/1").asLong()).isEqualTo(7);
    assertThat(t.at("/rows/0/cells/2").asText()).matches("\\d+s");

    JsonNode crds =
        get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", KUBECTL_ACCEPT).json();
    assertThat(crds.at("/columnDefinitions/1/name").asText()).isEqualTo("Created At");
    assertThat(crds.at("/rows/0/cells/1").asText()).endsWith("Z");
  }

  @Test
  void watchEventsCarryOneRowTablesWithColumnsOnlyFirst() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                server
                    .url()
                    .resolve(
                        "/api/v1/namespaces/default/pods?watch=true&resourceVersion=0"
                            + "&labelSelector=app%3Dweb&timeoutSeconds=10"))
            .header("Accept", KUBECTL_ACCEPT)
            .build();
    HttpResponse<InputStream> r =
        client.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), UTF_8))) {
      JsonNode first = KubeJson.parse(in.readLine().getBytes(UTF_8));
      JsonNode second = KubeJson.parse(in.readLine().getBytes(UTF_8));
      assertThat(first.get("type").asText()).isEqualTo("ADDED");
      assertThat(first.at("/object/kind").asText()).isEqualTo("Table");
      assertThat(first.at("/object/columnDefinitions")).hasSize(9);
      assertThat(first.at("/object/rows")).hasSize(1);
      assertThat(first.at("/object/rows/0/object/kind").asText())
          .isEqualTo("PartialObjectMetadata");
      assertThat(second.at("/object/columnDefinitions")).isEmpty();
      assertThat(second.at("/object/rows/0/cells/0").asText()).startsWith("web-");
    }
  }
}

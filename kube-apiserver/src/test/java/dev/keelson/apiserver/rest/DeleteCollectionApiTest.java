package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DELETE on a collection, as kube-apiserver 1.32 answers it: the list of the deleted objects. */
class DeleteCollectionApiTest {
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

  private static void namespace(String ns) throws Exception {
    assertThat(api.post("/api/v1/namespaces", "{'metadata':{'name':'" + ns + "'}}").code())
        .isEqualTo(201);
  }

  private static void cm(String ns, String name, String labels, String finalizers)
      throws Exception {
    Answer a =
        api.post(
            "/api/v1/namespaces/" + ns + "/configmaps",
            "{'metadata':{'name':'"
                + name
                + "','labels':{"
                + labels
                + "}"
                + (finalizers == null ? "" : ",'finalizers':['" + finalizers + "']")
                + "},'data':{'k':'v'}}");
    assertThat(a.code()).isEqualTo(201);
  }

  private static List<String> names(Answer list) {
    List<String> names = new ArrayList<>();
    list.json().path("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void answersTheListOfDeletedObjectsHonouringTheLabelSelector() throws Exception {
    namespace("dc1");
    cm("dc1", "a", "'tier':'web'", null);
    cm("dc1", "b", "'tier':'web'", null);
    cm("dc1", "c", "'tier':'db'", null);
    Answer r = api.delete("/api/v1/namespaces/dc1/configmaps?labelSelector=tier%3Dweb");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.text("/kind")).isEqualTo("ConfigMapList");
    assertThat(r.text("/apiVersion")).isEqualTo("v1");
    assertThat(r.text("/metadata/resourceVersion")).isNotEmpty();
    assertThat(names(r)).containsExactly("a", "b");
    assertThat(r.text("/items/0/data/k")).isEqualTo("v");
    assertThat(names(api.get("/api/v1/namespaces/dc1/configmaps"))).containsExactly("c");
  }

  @Test
  void honoursFieldSelectors() throws Exception {
    namespace("dc2");
    cm("dc2", "a", "'x':'1'", null);
    cm("dc2", "b", "'x':'1'", null);
    Answer r = api.delete("/api/v1/namespaces/dc2/configmaps?fieldSelector=metadata.name%3Db");
    assertThat(names(r)).containsExactly("b");
    assertThat(names(api.get("/api/v1/namespaces/dc2/configmaps"))).containsExactly("a");
    Answer bad = api.delete("/api/v1/namespaces/dc2/configmaps?fieldSelector=spec.nope%3Db");
    assertThat(bad.code()).isEqualTo(400);
    assertThat(names(api.get("/api/v1/namespaces/dc2/configmaps"))).containsExactly("a");
  }

  @Test
  void objectsWithFinalizersAreOnlyMarkedForDeletion() throws Exception {
    namespace("dc3");
    cm("dc3", "held", "", "example.com/hold");
    cm("dc3", "free", "", null);
    Answer r = api.delete("/api/v1/namespaces/dc3/configmaps");
    assertThat(names(r)).containsExactly("free", "held");
    Answer held = api.get("/api/v1/namespaces/dc3/configmaps/held");
    assertThat(held.code()).isEqualTo(200);
    assertThat(held.text("/metadata/deletionTimestamp")).isNotEmpty();
    assertThat(api.get("/api/v1/namespaces/dc3/configmaps/free").code()).isEqualTo(404);
  }

  @Test
  void dryRunDeletesNothing() throws Exception {
    namespace("dc4");
    cm("dc4", "a", "", null);
    Answer r = api.delete("/api/v1/namespaces/dc4/configmaps?dryRun=All");
    assertThat(r.code()).isEqualTo(200);
    assertThat(names(r)).containsExactly("a");
    assertThat(api.get("/api/v1/namespaces/dc4/configmaps/a").code()).isEqualTo(200);
    Answer viaBody =
        api.send(
            "DELETE",
            "/api/v1/namespaces/dc4/configmaps",
            "application/json",
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"dryRun\":[\"All\"]}",
            Map.of());
    assertThat(viaBody.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/dc4/configmaps/a").code()).isEqualTo(200);
  }

  @Test
  void deleteOptionsApplyToEachObject() throws Exception {
    namespace("dc5");
    cm("dc5", "a", "", null);
    Answer orphan =
        api.send(
            "DELETE",
            "/api/v1/namespaces/dc5/configmaps",
            "application/json",
            "{\"propagationPolicy\":\"Orphan\"}",
            Map.of());
    assertThat(orphan.code()).isEqualTo(200);
    Answer a = api.get("/api/v1/namespaces/dc5/configmaps/a");
    assertThat(a.json().at("/metadata/finalizers").toString()).isEqualTo("[\"orphan\"]");
    assertThat(a.text("/metadata/deletionTimestamp")).isNotEmpty();

    Answer bad =
        api.send(
            "DELETE",
            "/api/v1/namespaces/dc5/configmaps",
            "application/json",
            "{\"propagationPolicy\":\"Sometimes\"}",
            Map.of());
    assertThat(bad.code()).isEqualTo(422);
    Answer malformed =
        api.send("DELETE", "/api/v1/namespaces/dc5/configmaps", "application/json", "{", Map.of());
    assertThat(malformed.code()).isEqualTo(400);
  }

  @Test
  void anEmptyCollectionAnswersAnEmptyList() throws Exception {
    namespace("dc6");
    Answer r = api.delete("/api/v1/namespaces/dc6/secrets");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.text("/kind")).isEqualTo("SecretList");
    assertThat(r.json().path("items").isArray()).isTrue();
    assertThat(r.json().path("items")).isEmpty();
  }

  @Test
  void acrossAllNamespacesIsNotAllowed() throws Exception {
    Answer r = api.delete("/api/v1/configmaps");
    assertThat(r.code()).isEqualTo(405);
    assertThat(r.text("/reason")).isEqualTo("MethodNotAllowed");
  }
}

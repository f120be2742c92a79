package dev.keelson.apiserver.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resource API over HTTP, on the memory store. */
class ResourceApiTest {
  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount").plain());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int code, JsonNode json, HttpResponse<String> raw) {
    String text(String pointer) {
      return json.at(pointer).asText();
    }
  }

  private static Answer send(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), KubeJson.parse(r.body().getBytes(UTF_8)), r);
  }

  private static Answer post(String path, String body) throws Exception {
    return send("POST", path, "application/json", body);
  }

  private static Answer get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  private static String cm(String name, String extra) {
    return "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'"
        + name
        + "','labels':{'app':'"
        + name
        + "'}},'data':{'k':'v'}"
        + extra
        + "}";
  }

  @Test
  void createSetsSystemFieldsAndGetReturnsTheObject() throws Exception {
    Answer created = post("/api/v1/namespaces/default/configmaps", cm("c1", ""));
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.text("/metadata/uid")).hasSize(36);
    assertThat(created.text("/metadata/namespace")).isEqualTo("default");
    assertThat(created.text("/metadata/creationTimestamp")).endsWith("Z");
    assertThat(created.json().at("/metadata/generation").isMissingNode()).isTrue();
    String rv = created.text("/metadata/resourceVersion");
    assertThat(Long.parseLong(rv)).isPositive();

    Answer got = get("/api/v1/namespaces/default/configmaps/c1");
    assertThat(got.code()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(created.json());
  }

  @Test
  void aNodeRegistersWithItsStatusButOtherKindsDropStatusOnCreate() throws Exception {
    Answer node =
        post(
            "/api/v1/nodes",
            "{'apiVersion':'v1','kind':'Node','metadata':{'name':'n-status'},"
                + "'status':{'capacity':{'cpu':'4'},'allocatable':{'cpu':'3'}}}");
    assertThat(node.code()).isEqualTo(201);
    assertThat(get("/api/v1/nodes/n-status").text("/status/allocatable/cpu")).isEqualTo("3");

    Answer pod =
        post(
            "/api/v1/namespaces/default/pods",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p-status'},"
                + "'spec':{'containers':[{'name':'c','image':'busybox'}]},"
                + "'status':{'phase':'Running','podIP':'10.1.2.3'}}");
    assertThat(pod.code()).isEqualTo(201);
    assertThat(pod.json().at("/status/podIP").isMissingNode()).isTrue();
  }

  @Test
  void secondCreateIsAlreadyExists() throws Exception {
    post("/api/v1/namespaces/default/configmaps", cm("c2", ""));
    Answer again = post("/api/v1/namespaces/default/configmaps", cm("c2", ""));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("/reason")).isEqualTo("AlreadyExists");
    assertThat(again.text("/message")).isEqualTo("configmaps \"c2\" already exists");
  }

  @Test
  void createInAMissingNamespaceIsNotFound() throws Exception {
    Answer a = post("/api/v1/namespaces/nope/configmaps", cm("c3", ""));
    assertThat(a.code()).isEqualTo(404);
    assertThat(a.text("/message")).isEqualTo("namespaces \"nope\" not found");
  }

  @Test
  void staleUpdateIsAConflictAndLeavesTheObjectUnchanged() throws Exception {
    Answer created = post("/api/v1/namespaces/default/configmaps", cm("c4", ""));
    String rv = created.text("/metadata/resourceVersion");
    String updated =
        cm("c4", "")
            .replace("'v'}", "'v2'}")
            .replace("'name':'c4'", "'name':'c4','resourceVersion':'" + rv + "'");
    Answer ok =
        send("PUT", "/api/v1/namespaces/default/configmaps/c4", "application/json", updated);
    assertThat(ok.code()).isEqualTo(200);
    assertThat(ok.text("/data/k")).isEqualTo("v2");
    assertThat(ok.text("/metadata/uid")).isEqualTo(created.text("/metadata/uid"));

    String stale = updated.replace("'v2'}", "'v3'}");
    Answer conflict =
        send("PUT", "/api/v1/namespaces/default/configmaps/c4", "application/json", stale);
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.text("/reason")).isEqualTo("Conflict");
    assertThat(conflict.text("/message"))
        .isEqualTo(
            "Operation cannot be fulfilled on configmaps \"c4\": the object has been modified;"
                + " please apply your changes to the latest version and try again");
    assertThat(get("/api/v1/namespaces/default/configmaps/c4").text("/data/k")).isEqualTo("v2");
  }

  @Test
  void listsFilterByLabelAndCarryAResourceVersion() throws Exception {
    post("/api/v1/namespaces/default/configmaps", cm("l1", ""));
    post("/api/v1/namespaces/default/configmaps", cm("l2", ""));
    Answer list = get("/api/v1/namespaces/default/configmaps?labelSelector=app%20in%20(l1)");
    assertThat(list.code()).isEqualTo(200);
    assertThat(list.text("/kind")).isEqualTo("ConfigMapList");
    assertThat(list.text("/metadata/resourceVersion")).isNotEmpty();
    assertThat(list.json().get("items")).hasSize(1);
    assertThat(list.text("/items/0/metadata/name")).isEqualTo("l1");
    assertThat(get("/api/v1/configmaps?labelSelector=app%3Dl2").json().get("items")).hasSize(1);
    assertThat(get("/api/v1/configmaps?labelSelector=%3D%3D").code()).isEqualTo(400);
  }

  @Test
  void watchStreamsChangesAfterAResourceVersion() throws Exception {
    Answer list = get("/api/v1/namespaces/default/configmaps");
    String rv = list.text("/metadata/resourceVersion");
    CompletableFuture<HttpResponse<InputStream>> watch =
        client.sendAsync(
            HttpRequest.newBuilder(
                    server
                        .url()
                        .resolve(
                            "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
                                + rv
                                + "&timeoutSeconds=10"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> r = watch.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    post("/api/v1/namespaces/default/configmaps", cm("w1", ""));
    send("DELETE", "/api/v1/namespaces/default/configmaps/w1", null, null);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), UTF_8))) {
      JsonNode added = KubeJson.parse(in.readLine().getBytes(UTF_8));
      assertThat(added.get("type").asText()).isEqualTo("ADDED");
      assertThat(added.at("/object/metadata/name").asText()).isEqualTo("w1");
      JsonNode deleted = KubeJson.parse(in.readLine().getBytes(UTF_8));
      assertThat(deleted.get("type").asText()).isEqualTo("DELETED");
    }
  }

  @Test
  void patchesOfEachTypeApply() throws Exception {
    post("/api/v1/namespaces/default/configmaps", cm("p1", ""));
    String path = "/api/v1/namespaces/default/configmaps/p1";
    Answer merge =
        send("PATCH", path, "application/merge-patch+json", "{'data':{'k':null,'m':'1'}}");
    assertThat(merge.code()).isEqualTo(200);
    assertThat(merge.json().get("data").toString()).isEqualTo("{\"m\":\"1\"}");
    Answer json =
        send(
            "PATCH",
            path,
            "application/json-patch+json",
            "[{'op':'add','path':'/data/n','value':'2'}]");
    assertThat(json.text("/data/n")).isEqualTo("2");
    Answer strategic =
        send(
            "PATCH",
            path,
            "application/strategic-merge-patch+json",
            "{'metadata':{'labels':{'x':'y'}}}");
    assertThat(strategic.text("/metadata/labels/x")).isEqualTo("y");
    Answer failed =
        send(
            "PATCH",
            path,
            "application/json-patch+json",
            "[{'op':'test','path':'/data/n','value':'nope'}]");
    assertThat(failed.code()).isBetween(400, 422);
    assertThat(get(path).text("/data/n")).isEqualTo("2");
    assertThat(send("PATCH", path, "text/plain", "x").code()).isEqualTo(415);
  }

  @Test
  void finalizersHoldADeletedObjectUntilRemoved() throws Exception {
    post(
        "/api/v1/namespaces/default/configmaps",
        cm("f1", "").replace("'labels'", "'finalizers':['example.com/hold'],'labels'"));
    String path = "/api/v1/namespaces/default/configmaps/f1";
    Answer deleting = send("DELETE", path, null, null);
    assertThat(deleting.code()).isEqualTo(200);
    assertThat(deleting.text("/metadata/deletionTimestamp")).isNotEmpty();
    assertThat(get(path).code()).isEqualTo(200);
    Answer released =
        send("PATCH", path, "application/merge-patch+json", "{'metadata':{'finalizers':null}}");
    assertThat(released.code()).isEqualTo(200);
    assertThat(get(path).code()).isEqualTo(404);
  }

  @Test
  void unknownFieldsFollowFieldValidation() throws Exception {
    String body = cm("u1", ",'foo':1");
    Answer strict = post("/api/v1/namespaces/default/configmaps?fieldValidation=Strict", body);
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.text("/message")).contains("strict decoding error: unknown field \"foo\"");
    Answer warn = post("/api/v1/namespaces/default/configmaps", body);
    assertThat(warn.code()).isEqualTo(201);
    assertThat(warn.raw().headers().firstValue("warning"))
        .contains("299 - \"unknown field \\\"foo\\\"\"");
    assertThat(warn.json().has("foo")).isFalse();
  }

  @Test
  void badInputAnswersTheRightStatus() throws Exception {
    assertThat(post("/api/v1/namespaces/default/configmaps", "{not json").code()).isEqualTo(400);
    Answer badName = post("/api/v1/namespaces/default/configmaps", cm("Bad_Name", ""));
    assertThat(badName.code()).isEqualTo(422);
    assertThat(badName.text("/details/causes/0/field")).isEqualTo("metadata.name");
    assertThat(
            send("POST", "/api/v1/namespaces/default/configmaps", "text/plain", cm("t1", ""))
                .code())
        .isEqualTo(415);
    assertThat(get("/api/v1/namespaces/default/nothings").code()).isEqualTo(404);
    assertThat(
            send("PUT", "/api/v1/namespaces/default/configmaps", "application/json", "{}").code())
        .isEqualTo(405);
    Answer wrongKind =
        post("/api/v1/namespaces/default/configmaps", "{'apiVersion':'v1','kind':'Secret'}");
    assertThat(wrongKind.code()).isEqualTo(400);
    Answer otherNamespace =
        post(
            "/api/v1/namespaces/default/configmaps",
            cm("n1", "").replace("'name':'n1'", "'name':'n1','namespace':'kube-system'"));
    assertThat(otherNamespace.code()).isEqualTo(400);
  }

  @Test
  void podsAreDefaultedAndValidated() throws Exception {
    Answer pod =
        post(
            "/api/v1/namespaces/default/pods",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'generateName':'web-'},"
                + "'spec':{'containers':[{'name':'app','image':'nginx:1.27'}]}}");
    assertThat(pod.code()).isEqualTo(201);
    assertThat(pod.text("/metadata/name")).matches("web-[a-z0-9]{5}");
    assertThat(pod.text("/spec/restartPolicy")).isEqualTo("Always");
    assertThat(pod.text("/spec/containers/0/imagePullPolicy")).isEqualTo("IfNotPresent");
    assertThat(pod.text("/status/phase")).isEqualTo("Pending");
    Answer dup =
        post(
            "/api/v1/namespaces/default/pods",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'dup'},"
                + "'spec':{'containers':[{'name':'a','image':'x'},{'name':'a','image':'y'}]}}");
    assertThat(dup.code()).isEqualTo(422);
    assertThat(dup.text("/message")).contains("spec.containers[1].name: Duplicate value: \"a\"");
  }

  @Test
  void statusIsWrittenOnlyThroughItsSubresourceAndGenerationCountsSpecChanges() throws Exception {
    String dep =
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d1'},"
            + "'spec':{'replicas':1,'selector':{'matchLabels':{'app':'d'}},"
            + "'template':{'metadata':{'labels':{'app':'d'}},"
            + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}},"
            + "'status':{'replicas':7}}";
    Answer created = post("/apis/apps/v1/namespaces/default/deployments", dep);
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.json().has("status")).isFalse();
    assertThat(created.json().at("/metadata/generation").asLong()).isEqualTo(1);
    String path = "/apis/apps/v1/namespaces/default/deployments/d1";
    Answer status =
        send(
            "PATCH", path + "/status", "application/merge-patch+json", "{'status':{'replicas':3}}");
    assertThat(status.json().at("/status/replicas").asInt()).isEqualTo(3);
    assertThat(status.json().at("/metadata/generation").asLong()).isEqualTo(1);
    Answer scaled =
        send(
            "PATCH",
            path,
            "application/merge-patch+json",
            "{'spec':{'replicas':2},'status':{'replicas':9}}");
    assertThat(scaled.json().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(scaled.json().at("/status/replicas").asInt()).isEqualTo(3);
    assertThat(scaled.json().at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void concurrentPatchesWithoutAResourceVersionAllApply() throws Exception {
    post("/api/v1/namespaces/default/configmaps", cm("race", ""));
    String path = "/api/v1/namespaces/default/configmaps/race";
    java.util.List<CompletableFuture<Answer>> patches = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        String body = "{'data':{'k" + i + "':'v'}}";
        patches.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return send("PATCH", path, "application/merge-patch+json", body);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      for (CompletableFuture<Answer> p : patches) {
        assertThat(p.get(30, TimeUnit.SECONDS).code()).isEqualTo(200);
      }
    }
    assertThat(get(path).json().get("data")).hasSize(21);
  }

  @Test
  void aPatchNamingAStaleResourceVersionIsAConflict() throws Exception {
    Answer created = post("/api/v1/namespaces/default/configmaps", cm("pinned", ""));
    String rv = created.text("/metadata/resourceVersion");
    String path = "/api/v1/namespaces/default/configmaps/pinned";
    send("PATCH", path, "application/merge-patch+json", "{'data':{'a':'1'}}");
    Answer stale =
        send(
            "PATCH",
            path,
            "application/merge-patch+json",
            "{'metadata':{'resourceVersion':'" + rv + "'},'data':{'a':'2'}}");
    assertThat(stale.code()).isEqualTo(409);
    assertThat(get(path).text("/data/a")).isEqualTo("1");
  }

  @Test
  void podsSupportKubernetesFieldSelectors() throws Exception {
    for (String node : new String[] {"n1", "n2"}) {
      post(
          "/api/v1/namespaces/default/pods",
          "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'fs-"
              + node
              + "'},'spec':{'nodeName':'"
              + node
              + "','containers':[{'name':'c','image':'x:1'}]}}");
    }
    Answer onN1 = get("/api/v1/pods?fieldSelector=spec.nodeName%3Dn1");
    assertThat(onN1.json().get("items")).hasSize(1);
    assertThat(onN1.text("/items/0/metadata/name")).isEqualTo("fs-n1");
    Answer pending =
        get(
            "/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DPending,metadata.name%3Dfs-n2");
    assertThat(pending.json().get("items")).hasSize(1);
    Answer unsupported = get("/api/v1/pods?fieldSelector=spec.nope%3Dx");
    assertThat(unsupported.code()).isEqualTo(400);
    assertThat(unsupported.text("/message")).contains("field label not supported: spec.nope");
    assertThat(get("/api/v1/configmaps?fieldSelector=spec.nodeName%3Dn1").code()).isEqualTo(400);
  }

  @Test
  void theScaleSubresourceReadsAndChangesReplicas() throws Exception {
    String dep =
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'sc'},"
            + "'spec':{'replicas':1,'selector':{'matchLabels':{'app':'sc'}},"
            + "'template':{'metadata':{'labels':{'app':'sc'}},"
            + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}}}";
    post("/apis/apps/v1/namespaces/default/deployments", dep);
    String path = "/apis/apps/v1/namespaces/default/deployments/sc/scale";
    Answer scale = get(path);
    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.text("/kind")).isEqualTo("Scale");
    assertThat(scale.text("/apiVersion")).isEqualTo("autoscaling/v1");
    assertThat(scale.json().at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(scale.text("/status/selector")).isEqualTo("app=sc");

    Answer patched = send("PATCH", path, "application/merge-patch+json", "{'spec':{'replicas':3}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.json().at("/spec/replicas").asInt()).isEqualTo(3);
    Answer dep1 = get("/apis/apps/v1/namespaces/default/deployments/sc");
    assertThat(dep1.json().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(dep1.json().at("/metadata/generation").asLong()).isEqualTo(2);

    String stale = scale.text("/metadata/resourceVersion");
    Answer conflict =
        send(
            "PUT",
            path,
            "application/json",
            "{'kind':'Scale','apiVersion':'autoscaling/v1','metadata':{'name':'sc',"
                + "'resourceVersion':'"
                + stale
                + "'},'spec':{'replicas':5}}");
    assertThat(conflict.code()).isEqualTo(409);
    Answer negative =
        send("PATCH", path, "application/merge-patch+json", "{'spec':{'replicas':-1}}");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(get(path).json().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(get("/api/v1/namespaces/default/configmaps/c1/scale").code()).isEqualTo(404);
  }

  @Test
  void bindingAssignsAPodToANodeOnce() throws Exception {
    post(
        "/api/v1/namespaces/default/pods",
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'b1'},"
            + "'spec':{'containers':[{'name':'c','image':'x:1'}]}}");
    String binding =
        "{'apiVersion':'v1','kind':'Binding','metadata':{'name':'b1'},"
            + "'target':{'apiVersion':'v1','kind':'Node','name':'node-a'}}";
    Answer bound = post("/api/v1/namespaces/default/pods/b1/binding", binding);
    assertThat(bound.code()).isEqualTo(201);
    assertThat(bound.text("/status")).isEqualTo("Success");
    Answer pod = get("/api/v1/namespaces/default/pods/b1");
    assertThat(pod.text("/spec/nodeName")).isEqualTo("node-a");
    assertThat(pod.text("/status/conditions/0/type")).isEqualTo("PodScheduled");
    assertThat(pod.text("/status/conditions/0/status")).isEqualTo("True");
    Answer again =
        post("/api/v1/namespaces/default/pods/b1/binding", binding.replace("node-a", "node-b"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("/message")).contains("is already assigned to node \"node-a\"");
    Answer noTarget =
        post("/api/v1/namespaces/default/pods/b1/binding", "{'kind':'Binding','target':{}}");
    assertThat(noTarget.code()).isEqualTo(422);
    assertThat(get("/api/v1/namespaces/default/pods/b1").text("/spec/nodeName"))
        .isEqualTo("node-a");
  }

  @Test
  void evictionDeletesThePod() throws Exception {
    post(
        "/api/v1/namespaces/default/pods",
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'e1'},"
            + "'spec':{'containers':[{'name':'c','image':'x:1'}]}}");
    Answer evicted =
        post(
            "/api/v1/namespaces/default/pods/e1/eviction",
            "{'apiVersion':'policy/v1','kind':'Eviction','metadata':{'name':'e1'}}");
    assertThat(evicted.code()).isEqualTo(201);
    assertThat(get("/api/v1/namespaces/default/pods/e1").code()).isEqualTo(404);
    assertThat(
            post(
                    "/api/v1/namespaces/default/pods/e1/eviction",
                    "{'apiVersion':'policy/v1','kind':'Eviction','metadata':{'name':'e1'}}")
                .code())
        .isEqualTo(404);
  }

  @Test
  void builtInKindsAreDefaultedAsKubernetesDefaultsThem() throws Exception {
    Answer d =
        post(
            "/apis/apps/v1/namespaces/default/deployments",
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'def'},"
                + "'spec':{'selector':{'matchLabels':{'app':'def'}},"
                + "'template':{'metadata':{'labels':{'app':'def'}},"
                + "'spec':{'containers':[{'name':'c','image':'nginx','ports':[{'containerPort':80}]}]}}}}");
    assertThat(d.code()).isEqualTo(201);
    assertThat(d.json().at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(d.text("/spec/strategy/type")).isEqualTo("RollingUpdate");
    assertThat(d.text("/spec/strategy/rollingUpdate/maxSurge")).isEqualTo("25%");
    assertThat(d.json().at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(d.json().at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(d.text("/spec/template/spec/restartPolicy")).isEqualTo("Always");
    assertThat(d.text("/spec/template/spec/containers/0/ports/0/protocol")).isEqualTo("TCP");

    Answer svc =
        post(
            "/api/v1/namespaces/default/services",
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'def'},"
                + "'spec':{'selector':{'app':'def'},'ports':[{'port':80}]}}");
    assertThat(svc.code()).isEqualTo(201);
    assertThat(svc.text("/spec/type")).isEqualTo("ClusterIP");
    assertThat(svc.json().at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
    assertThat(svc.text("/spec/ports/0/protocol")).isEqualTo("TCP");

    Answer job =
        post(
            "/apis/batch/v1/namespaces/default/jobs",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'def'},"
                + "'spec':{'template':{'spec':{'restartPolicy':'Never',"
                + "'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(job.code()).isEqualTo(201);
    assertThat(job.json().at("/spec/completions").asInt()).isEqualTo(1);
    assertThat(job.json().at("/spec/backoffLimit").asInt()).isEqualTo(6);
    assertThat(job.text("/spec/template/spec/restartPolicy")).isEqualTo("Never");
  }

  @Test
  void immutableFieldsAndServiceRulesAreEnforced() throws Exception {
    post(
        "/apis/apps/v1/namespaces/default/deployments",
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'imm'},"
            + "'spec':{'selector':{'matchLabels':{'app':'imm'}},"
            + "'template':{'metadata':{'labels':{'app':'imm'}},"
            + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}}}");
    Answer changed =
        send(
            "PATCH",
            "/apis/apps/v1/namespaces/default/deployments/imm",
            "application/merge-patch+json",
            "{'spec':{'selector':{'matchLabels':{'app':'other'}}}}");
    assertThat(changed.code()).isEqualTo(422);
    assertThat(changed.text("/message")).contains("spec.selector").contains("field is immutable");

    Answer noPorts =
        post(
            "/api/v1/namespaces/default/services",
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'noports'},"
                + "'spec':{'selector':{'app':'x'}}}");
    assertThat(noPorts.code()).isEqualTo(422);
    assertThat(noPorts.text("/details/causes/0/field")).isEqualTo("spec.ports");
  }

  @Test
  void workloadTemplatesAreValidated() throws Exception {
    Answer bad =
        post(
            "/apis/apps/v1/namespaces/default/deployments",
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'badtpl'},"
                + "'spec':{'selector':{'matchLabels':{'app':'b'}},"
                + "'template':{'metadata':{'labels':{'app':'b'}},"
                + "'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'nginx'}]}}}}");
    assertThat(bad.code()).isEqualTo(422);
    assertThat(bad.text("/message")).contains("spec.template.spec.restartPolicy");
    Answer job =
        post(
            "/apis/batch/v1/namespaces/default/jobs",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'badjob'},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(job.code()).isEqualTo(422);
    assertThat(job.text("/message")).contains("spec.template.spec.restartPolicy");
  }

  @Test
  void metricsCountRequestsByVerbResourceAndCode() throws Exception {
    get("/api/v1/namespaces/default/secrets");
    get("/api/v1/namespaces/default/secrets/nope");
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(server.url().resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    assertThat(r.body())
        .contains(
            "apiserver_request_total{verb=\"LIST\",group=\"\",resource=\"secrets\","
                + "subresource=\"\",code=\"200\"} ")
        .contains(
            "apiserver_request_total{verb=\"GET\",group=\"\",resource=\"secrets\","
                + "subresource=\"\",code=\"404\"} 1")
        .contains(
            "apiserver_request_duration_seconds_bucket{verb=\"LIST\",group=\"\","
                + "resource=\"secrets\",subresource=\"\",le=\"+Inf\"}")
        .contains("# TYPE apiserver_longrunning_requests gauge");
  }
}

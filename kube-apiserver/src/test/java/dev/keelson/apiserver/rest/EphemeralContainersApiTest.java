package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pods/ephemeralcontainers} over HTTP: a write there adds ephemeral containers and changes
 * nothing else; removing or changing one, or a field an ephemeral container may not have, is 422
 * and stores nothing; the pod itself cannot change its ephemeral containers.
 */
class EphemeralContainersApiTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String SMP = "application/strategic-merge-patch+json";

  private static ApiServer server;
  private static HttpApi api;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
    // (the ServiceAccount admission plugin wants the namespace's default account)
    api.post(
        "/api/v1/namespaces/default/serviceaccounts",
        "{'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'default'}}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer createPod(String name, String annotations) throws Exception {
    Answer a =
        api.post(
            PODS,
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'"
                + name
                + "'"
                + annotations
                + "},'spec':{'containers':[{'name':'app','image':'nginx'}]}}");
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
    return a;
  }

  private static Answer addDebugger(String pod, String container) throws Exception {
    return api.send(
        "PATCH",
        PODS + "/" + pod + "/ephemeralcontainers",
        SMP,
        "{'spec':{'ephemeralContainers':[" + container + "]}}");
  }

  @Test
  void aPatchAddsAnEphemeralContainerAndNothingElse() throws Exception {
    createPod("dbg", "");
    Answer a =
        api.send(
            "PATCH",
            PODS + "/dbg/ephemeralcontainers",
            SMP,
            "{'metadata':{'labels':{'sneaky':'yes'}},'spec':{'activeDeadlineSeconds':5,"
                + "'ephemeralContainers':[{'name':'debugger','image':'busybox',"
                + "'targetContainerName':'app','stdin':true,'tty':true}]}}");
    assertThat(a.code()).as(a.raw().body()).isEqualTo(200);
    assertThat(a.text("/kind")).isEqualTo("Pod");
    assertThat(a.text("/spec/ephemeralContainers/0/name")).isEqualTo("debugger");
    assertThat(a.text("/spec/ephemeralContainers/0/targetContainerName")).isEqualTo("app");
    assertThat(a.json().at("/metadata/labels/sneaky").isMissingNode()).isTrue();
    assertThat(a.json().at("/spec/activeDeadlineSeconds").isMissingNode()).isTrue();

    Answer second = addDebugger("dbg", "{'name':'second','image':'busybox'}");
    assertThat(second.code()).as(second.raw().body()).isEqualTo(200);
    assertThat(second.json().at("/spec/ephemeralContainers").size())
        .as("a strategic merge adds by name")
        .isEqualTo(2);

    Answer read = api.get(PODS + "/dbg/ephemeralcontainers");
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.json().at("/spec/ephemeralContainers").findValuesAsText("name"))
        .containsExactlyInAnyOrder("debugger", "second");
  }

  @Test
  void anExistingEphemeralContainerCanBeNeitherRemovedNorChanged() throws Exception {
    createPod("keep", "");
    assertThat(addDebugger("keep", "{'name':'d','image':'busybox'}").code()).isEqualTo(200);
    String rv = api.get(PODS + "/keep").text("/metadata/resourceVersion");

    Answer changed = addDebugger("keep", "{'name':'d','image':'alpine'}");
    assertThat(changed.code()).as(changed.raw().body()).isEqualTo(422);
    assertThat(changed.text("/message"))
        .contains(
            "spec.ephemeralContainers.d: Forbidden: existing ephemeral containers \"d\" may"
                + " not be changed");

    ObjectNode pod = (ObjectNode) api.get(PODS + "/keep").json();
    ((ObjectNode) pod.get("spec")).remove("ephemeralContainers");
    Answer removed =
        api.send(
            "PUT",
            PODS + "/keep/ephemeralcontainers",
            "application/json",
            pod.toString(),
            Map.of());
    assertThat(removed.code()).as(removed.raw().body()).isEqualTo(422);
    assertThat(removed.text("/message"))
        .contains("existing ephemeral containers \"d\" may not be removed");
    assertThat(api.get(PODS + "/keep").text("/metadata/resourceVersion"))
        .as("nothing stored")
        .isEqualTo(rv);
  }

  @Test
  void fieldsAnEphemeralContainerMayNotHaveAreForbidden() throws Exception {
    createPod("limits", "");
    Answer a =
        addDebugger(
            "limits",
            "{'name':'d','image':'busybox','ports':[{'containerPort':80}],"
                + "'readinessProbe':{'exec':{'command':['true']}},"
                + "'resources':{'limits':{'cpu':'1'}},'targetContainerName':'nope'}");
    assertThat(a.code()).as(a.raw().body()).isEqualTo(422);
    assertThat(a.json().at("/details/causes").findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "spec.ephemeralContainers[0].ports",
            "spec.ephemeralContainers[0].resources",
            "spec.ephemeralContainers[0].readinessProbe",
            "spec.ephemeralContainers[0].targetContainerName");
    assertThat(a.text("/message"))
        .contains(
            "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container")
        .contains("spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"");

    Answer duplicate = addDebugger("limits", "{'name':'app','image':'busybox'}");
    assertThat(duplicate.code()).isEqualTo(422);
    assertThat(duplicate.text("/message"))
        .contains("spec.ephemeralContainers[0].name: Duplicate value: \"app\"");
    assertThat(api.get(PODS + "/limits").json().at("/spec/ephemeralContainers").isMissingNode())
        .isTrue();
  }

  @Test
  void thePodItselfCannotChangeItsEphemeralContainersNorCanAStaticPodTakeOne() throws Exception {
    createPod("main", "");
    Answer viaPod =
        api.send(
            "PATCH",
            PODS + "/main",
            SMP,
            "{'spec':{'ephemeralContainers':[{'name':'d','image':'busybox'}]}}");
    assertThat(viaPod.code()).as(viaPod.raw().body()).isEqualTo(422);
    assertThat(viaPod.text("/message")).contains("pod updates may not change fields");

    createPod("static", ",'annotations':{'kubernetes.io/config.mirror':'abc'}");
    Answer mirror = addDebugger("static", "{'name':'d','image':'busybox'}");
    assertThat(mirror.code()).isEqualTo(422);
    assertThat(mirror.text("/message")).contains("static pods do not support ephemeral containers");
  }

  @Test
  void otherVerbsOnTheSubresourceAreNotAllowed() throws Exception {
    createPod("verbs", "");
    assertThat(api.delete(PODS + "/verbs/ephemeralcontainers").code()).isEqualTo(405);
    assertThat(api.post(PODS + "/verbs/ephemeralcontainers", "{}").code()).isEqualTo(405);
  }
}

package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deletion as kube-apiserver's storage does it: a namespace turns Terminating and stays until its
 * {@code spec.finalizers} are removed through {@code finalize}; deletes leave the garbage
 * collector's {@code orphan} / {@code foregroundDeletion} finalizers as the propagation policy (or
 * the kind's default) says.
 */
class NamespaceDeletionApiTest {
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

  private static List<String> strings(Answer a, String pointer) {
    List<String> out = new ArrayList<>();
    a.json().at(pointer).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Answer deleteWith(String path, String policy) throws Exception {
    return api.send(
        "DELETE",
        path,
        "application/json",
        "{'kind':'DeleteOptions','apiVersion':'v1','propagationPolicy':'" + policy + "'}");
  }

  @Test
  void aDeletedNamespaceTurnsTerminatingAndKeepsItsFinalizer() throws Exception {
    namespace("nd1");
    Answer deleted = api.delete("/api/v1/namespaces/nd1");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("/status/phase")).isEqualTo("Terminating");
    assertThat(deleted.text("/metadata/deletionTimestamp")).isNotEmpty();

    Answer got = api.get("/api/v1/namespaces/nd1");
    assertThat(got.text("/status/phase")).isEqualTo("Terminating");
    assertThat(strings(got, "/spec/finalizers")).containsExactly("kubernetes");

    // deleting again changes nothing while spec.finalizers remain
    Answer again = api.delete("/api/v1/namespaces/nd1");
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.text("/metadata/resourceVersion"))
        .isEqualTo(got.text("/metadata/resourceVersion"));

    // new content is refused (NamespaceLifecycle)
    Answer refused = api.post("/api/v1/namespaces/nd1/configmaps", "{'metadata':{'name':'late'}}");
    assertThat(refused.code()).isEqualTo(403);
  }

  @Test
  void anUpdateCannotChangeSpecFinalizersButFinalizeCan() throws Exception {
    namespace("nd2");
    Answer current = api.get("/api/v1/namespaces/nd2");
    String rv = current.text("/metadata/resourceVersion");
    Answer put =
        api.put(
            "/api/v1/namespaces/nd2",
            "{'metadata':{'name':'nd2','resourceVersion':'" + rv + "'},'spec':{'finalizers':[]}}");
    assertThat(put.code()).isEqualTo(200);
    assertThat(strings(put, "/spec/finalizers")).containsExactly("kubernetes");

    Answer finalized =
        api.put(
            "/api/v1/namespaces/nd2/finalize",
            "{'metadata':{'name':'nd2'},'spec':{'finalizers':['example.com/other']}}");
    assertThat(finalized.code()).isEqualTo(200);
    assertThat(strings(finalized, "/spec/finalizers")).containsExactly("example.com/other");
    assertThat(finalized.text("/status/phase")).isEqualTo("Active");
  }

  @Test
  void finalizingATerminatingNamespaceRemovesIt() throws Exception {
    namespace("nd3");
    api.delete("/api/v1/namespaces/nd3");
    Answer finalized =
        api.put("/api/v1/namespaces/nd3/finalize", "{'metadata':{'name':'nd3'},'spec':{}}");
    assertThat(finalized.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/nd3").code()).isEqualTo(404);
  }

  @Test
  void anOrphanFinalizerHoldsAFinalizedNamespaceUntilTheCollectorRemovesIt() throws Exception {
    namespace("nd4");
    Answer deleted = deleteWith("/api/v1/namespaces/nd4", "Orphan");
    assertThat(strings(deleted, "/metadata/finalizers")).containsExactly("orphan");
    api.put("/api/v1/namespaces/nd4/finalize", "{'metadata':{'name':'nd4'},'spec':{}}");
    assertThat(api.get("/api/v1/namespaces/nd4").code()).isEqualTo(200);
    Answer patched =
        api.send(
            "PATCH",
            "/api/v1/namespaces/nd4",
            "application/merge-patch+json",
            "{'metadata':{'finalizers':null}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/nd4").code()).isEqualTo(404);
  }

  @Test
  void theSystemNamespacesMayNotBeDeleted() throws Exception {
    for (String ns : List.of("default", "kube-system", "kube-public")) {
      Answer refused = api.delete("/api/v1/namespaces/" + ns);
      assertThat(refused.code()).isEqualTo(403);
      assertThat(refused.text("/message"))
          .isEqualTo("namespaces \"" + ns + "\" is forbidden: this namespace may not be deleted");
      assertThat(api.get("/api/v1/namespaces/" + ns).text("/status/phase")).isEqualTo("Active");
    }
  }

  @Test
  void theFinalizeSubresourceTakesOnlyPut() throws Exception {
    namespace("nd5");
    Answer a = api.post("/api/v1/namespaces/nd5/finalize", "{'metadata':{'name':'nd5'}}");
    assertThat(a.code()).isEqualTo(405);
  }

  @Test
  void propagationPoliciesSetAndSwapTheCollectorsFinalizers() throws Exception {
    namespace("gcf");
    String path = "/api/v1/namespaces/gcf/configmaps/held";
    api.post(
        "/api/v1/namespaces/gcf/configmaps",
        "{'metadata':{'name':'held','finalizers':['example.com/hold']}}");
    assertThat(strings(deleteWith(path, "Foreground"), "/metadata/finalizers"))
        .containsExactly("example.com/hold", "foregroundDeletion");
    assertThat(strings(deleteWith(path, "Orphan"), "/metadata/finalizers"))
        .containsExactly("example.com/hold", "orphan");
    assertThat(strings(api.delete(path), "/metadata/finalizers"))
        .as("without a policy, the finalizer already there decides")
        .containsExactly("example.com/hold", "orphan");
    assertThat(strings(deleteWith(path, "Background"), "/metadata/finalizers"))
        .containsExactly("example.com/hold");
  }

  @Test
  void aBatchV1JobDeletedWithoutAPolicyOrphansItsPods() throws Exception {
    namespace("jobs");
    Answer created =
        api.post(
            "/apis/batch/v1/namespaces/jobs/jobs",
            "{'metadata':{'name':'j'},'spec':{'template':{'spec':{'restartPolicy':'Never',"
                + "'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(created.code()).isEqualTo(201);
    Answer deleted = api.delete("/apis/batch/v1/namespaces/jobs/jobs/j");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(strings(deleted, "/metadata/finalizers")).containsExactly("orphan");
    assertThat(deleted.text("/metadata/deletionTimestamp")).isNotEmpty();

    api.post(
        "/apis/batch/v1/namespaces/jobs/jobs",
        "{'metadata':{'name':'k'},'spec':{'template':{'spec':{'restartPolicy':'Never',"
            + "'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(deleteWith("/apis/batch/v1/namespaces/jobs/jobs/k", "Background").code())
        .isEqualTo(200);
    assertThat(api.get("/apis/batch/v1/namespaces/jobs/jobs/k").code()).isEqualTo(404);
  }
}

package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Poll;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RBAC, policy, scheduling and networking kinds over HTTP: create defaults, generation,
 * validation (422 with Kubernetes' causes), the immutable roleRef, and the admission rules for the
 * default priority class and the default ingress class.
 */
class PolicyKindsApiTest {
  private static ApiServer server;
  private static HttpApi api;

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";

  @Test
  void bindingsGetTheirApiGroupsDefaultedAndKeepTheirRoleRef() throws Exception {
    Answer created =
        api.post(
            RBAC + "/namespaces/default/rolebindings",
            "{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'RoleBinding',"
                + "'metadata':{'name':'rb'},'roleRef':{'kind':'Role','name':'reader'},"
                + "'subjects':[{'kind':'User','name':'jane'},"
                + "{'kind':'ServiceAccount','name':'robot','namespace':'default'}]}");
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.text("/roleRef/apiGroup")).isEqualTo("rbac.authorization.k8s.io");
    assertThat(created.text("/subjects/0/apiGroup")).isEqualTo("rbac.authorization.k8s.io");
    assertThat(created.json().at("/subjects/1/apiGroup").isMissingNode()).isTrue();
    assertThat(created.json().at("/metadata/generation").isMissingNode())
        .as("RBAC objects have no generation")
        .isTrue();

    Answer changed =
        api.send(
            "PATCH",
            RBAC + "/namespaces/default/rolebindings/rb",
            "application/merge-patch+json",
            "{\"roleRef\":{\"name\":\"writer\"}}",
            Map.of());
    assertThat(changed.code()).isEqualTo(422);
    assertThat(changed.text("/details/causes/0/field")).isEqualTo("roleRef");
    assertThat(changed.text("/message")).endsWith(": cannot change roleRef");

    Answer subjects =
        api.send(
            "PATCH",
            RBAC + "/namespaces/default/rolebindings/rb",
            "application/merge-patch+json",
            "{\"subjects\":[]}",
            Map.of());
    assertThat(subjects.code()).isEqualTo(200);
  }

  @Test
  void aRoleWithoutVerbsIsInvalid() throws Exception {
    Answer a =
        api.post(
            RBAC + "/namespaces/default/roles",
            "{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'Role','metadata':{'name':'r'},"
                + "'rules':[{'apiGroups':[''],'resources':['pods']}]}");
    assertThat(a.code()).isEqualTo(422);
    assertThat(a.text("/message"))
        .isEqualTo(
            "Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].verbs: Required value:"
                + " verbs must contain at least one value");
  }

  @Test
  void priorityClassesDefaultTheirPolicyAndAllowOneGlobalDefault() throws Exception {
    String pcs = "/apis/scheduling.k8s.io/v1/priorityclasses";
    Answer first =
        api.post(
            pcs,
            "{'apiVersion':'scheduling.k8s.io/v1','kind':'PriorityClass',"
                + "'metadata':{'name':'first'},'value':100,'globalDefault':true}");
    assertThat(first.code()).isEqualTo(201);
    assertThat(first.text("/preemptionPolicy")).isEqualTo("PreemptLowerPriority");
    assertThat(first.text("/metadata/generation")).isEqualTo("1");
    // The admission check reads PriorityClasses from the watch cache, as kube-apiserver's plugin
    // reads its informer: wait until the cache (a list at resourceVersion 0) holds "first".
    Poll.await(
        "the watch cache holds the first class",
        Duration.ofSeconds(10),
        () -> api.get(pcs + "?resourceVersion=0").raw().body().contains("\"name\":\"first\""));
    Answer second =
        api.post(
            pcs,
            "{'apiVersion':'scheduling.k8s.io/v1','kind':'PriorityClass',"
                + "'metadata':{'name':'second'},'value':200,'globalDefault':true}");
    assertThat(second.code()).isEqualTo(403);
    assertThat(second.text("/reason")).isEqualTo("Forbidden");
    assertThat(second.text("/message"))
        .isEqualTo(
            "priorityclasses.scheduling.k8s.io \"second\" is forbidden: PriorityClass first is"
                + " already marked as default. Only one default can exist");
    Answer value =
        api.send(
            "PATCH", pcs + "/first", "application/merge-patch+json", "{\"value\":5}", Map.of());
    assertThat(value.code()).isEqualTo(422);
    assertThat(value.text("/message"))
        .contains("value: Forbidden: may not be changed in an update.");
  }

  @Test
  void networkPoliciesGetPolicyTypesAndProtocols() throws Exception {
    Answer np =
        api.post(
            "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies",
            "{'apiVersion':'networking.k8s.io/v1','kind':'NetworkPolicy','metadata':{'name':'n'},"
                + "'spec':{'ingress':[{'ports':[{'port':80}]}]}}");
    assertThat(np.code()).isEqualTo(201);
    assertThat(np.json().at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
    assertThat(np.text("/spec/ingress/0/ports/0/protocol")).isEqualTo("TCP");
    assertThat(np.json().at("/spec/podSelector").isObject()).isTrue();
  }

  @Test
  void disruptionBudgetsStartWithAZeroedStatusAndRejectBothBounds() throws Exception {
    String pdbs = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";
    Answer pdb =
        api.post(
            pdbs,
            "{'apiVersion':'policy/v1','kind':'PodDisruptionBudget','metadata':{'name':'p'},"
                + "'spec':{'minAvailable':1},'status':{'disruptionsAllowed':7}}");
    assertThat(pdb.code()).isEqualTo(201);
    assertThat(pdb.text("/status/disruptionsAllowed")).isEqualTo("0");
    assertThat(pdb.text("/status/expectedPods")).isEqualTo("0");
    Answer both =
        api.post(
            pdbs,
            "{'apiVersion':'policy/v1','kind':'PodDisruptionBudget','metadata':{'name':'b'},"
                + "'spec':{'minAvailable':1,'maxUnavailable':1}}");
    assertThat(both.code()).isEqualTo(422);
    assertThat(both.text("/details/causes/0/field")).isEqualTo("spec");
  }
}

package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** apps/v1 and batch/v1 validation over HTTP: 422 with Kubernetes' causes, nothing stored. */
class WorkloadValidationApiTest {
  private static ApiServer server;
  private static HttpApi api;
  private static final String TEMPLATE =
      "'template':{'metadata':{'labels':{'app':'w'}},"
          + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}";

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aDeploymentWhoseSelectorMissesItsTemplateIsInvalid() throws Exception {
    Answer a =
        api.post(
            "/apis/apps/v1/namespaces/default/deployments",
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'miss'},'spec':{"
                + "'selector':{'matchLabels':{'app':'other'}},"
                + TEMPLATE
                + "}}");
    assertThat(a.code()).isEqualTo(422);
    assertThat(a.text("/reason")).isEqualTo("Invalid");
    assertThat(a.text("/details/kind")).isEqualTo("Deployment");
    assertThat(a.text("/details/causes/0/field")).isEqualTo("spec.template.metadata.labels");
    assertThat(a.text("/details/causes/0/reason")).isEqualTo("FieldValueInvalid");
    assertThat(a.text("/message"))
        .isEqualTo(
            "Deployment.apps \"miss\" is invalid: spec.template.metadata.labels: Invalid value:"
                + " {\"app\":\"w\"}: `selector` does not match template `labels`");
    assertThat(api.get("/apis/apps/v1/namespaces/default/deployments/miss").code()).isEqualTo(404);
  }

  @Test
  void anUpdateBreakingTheStrategyIsInvalidAndChangesNothing() throws Exception {
    Answer created =
        api.post(
            "/apis/apps/v1/namespaces/default/deployments",
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'strat'},'spec':{"
                + "'selector':{'matchLabels':{'app':'w'}},"
                + TEMPLATE
                + "}}");
    assertThat(created.code()).isEqualTo(201);
    Answer bad =
        api.send(
            "PATCH",
            "/apis/apps/v1/namespaces/default/deployments/strat",
            "application/merge-patch+json",
            "{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":0}}}}",
            java.util.Map.of());
    assertThat(bad.code()).isEqualTo(422);
    assertThat(bad.text("/details/causes/0/field"))
        .isEqualTo("spec.strategy.rollingUpdate.maxUnavailable");
    Answer after = api.get("/apis/apps/v1/namespaces/default/deployments/strat");
    assertThat(after.text("/metadata/resourceVersion"))
        .isEqualTo(created.text("/metadata/resourceVersion"));
    assertThat(after.text("/spec/strategy/rollingUpdate/maxSurge")).isEqualTo("25%");
  }

  @Test
  void jobsGetKubernetesGeneratedSelector() throws Exception {
    Answer job =
        api.post(
            "/apis/batch/v1/namespaces/default/jobs",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'gen'},"
                + "'spec':{'template':{'spec':{'restartPolicy':'Never',"
                + "'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(job.code()).isEqualTo(201);
    String uid = job.text("/metadata/uid");
    assertThat(job.text("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid"))
        .isEqualTo(uid);
    assertThat(job.text("/spec/template/metadata/labels/controller-uid")).isEqualTo(uid);
    assertThat(job.text("/spec/template/metadata/labels/job-name")).isEqualTo("gen");
    assertThat(job.text("/spec/template/metadata/labels/batch.kubernetes.io~1job-name"))
        .isEqualTo("gen");

    Answer negative =
        api.post(
            "/apis/batch/v1/namespaces/default/jobs",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'neg'},"
                + "'spec':{'backoffLimit':-1,'template':{'spec':{'restartPolicy':'Never',"
                + "'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.text("/details/causes/0/message"))
        .isEqualTo("Invalid value: -1: must be greater than or equal to 0");
    assertThat(negative.text("/details/causes/0/field")).isEqualTo("spec.backoffLimit");
  }

  @Test
  void aCronJobWithABadScheduleIsInvalid() throws Exception {
    Answer c =
        api.post(
            "/apis/batch/v1/namespaces/default/cronjobs",
            "{'apiVersion':'batch/v1','kind':'CronJob','metadata':{'name':'cj'},"
                + "'spec':{'schedule':'61 * * * *','jobTemplate':{'spec':{'template':{'spec':{"
                + "'restartPolicy':'OnFailure','containers':[{'name':'c','image':'busybox'}]}}}}}}");
    assertThat(c.code()).isEqualTo(422);
    assertThat(c.text("/details/causes/0/field")).isEqualTo("spec.schedule");
    assertThat(c.text("/details/causes/0/message"))
        .isEqualTo("Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61");
    assertThat(api.get("/apis/batch/v1/namespaces/default/cronjobs/cj").code()).isEqualTo(404);
    Answer ok =
        api.post(
            "/apis/batch/v1/namespaces/default/cronjobs",
            "{'apiVersion':'batch/v1','kind':'CronJob','metadata':{'name':'cj'},"
                + "'spec':{'schedule':'@hourly','jobTemplate':{'spec':{'template':{'spec':{"
                + "'restartPolicy':'OnFailure','containers':[{'name':'c','image':'busybox'}]}}}}}}");
    assertThat(ok.code()).isEqualTo(201);
    assertThat(ok.text("/spec/concurrencyPolicy")).isEqualTo("Allow");
  }
}

package dev.keelson.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.errors.TooManyRequestsException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.policy.v1.PodDisruptionBudgetStatus;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pods/eviction against PodDisruptionBudgets whose status is written by hand (no controller). */
class EvictionApiTest {
  private ApiServer server;
  private KubeClient client;

  @BeforeEach
  void start() {
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withoutListener()
                .withoutAdmissionPlugins(AdmissionPlugins.SERVICE_ACCOUNT));
    client = server.inProcessClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Resources<Pod> pods() {
    return client.resources(Pod.class).inNamespace("default");
  }

  private Resources<PodDisruptionBudget> budgets() {
    return client.resources(PodDisruptionBudget.class).inNamespace("default");
  }

  private void runningPod(String name) {
    Pod p =
        pods()
            .create(
                AdmissionApiTest.yaml(
                    "metadata: {name: "
                        + name
                        + ", labels: {app: web}}\n"
                        + "spec: {containers: [{name: a, image: x}]}",
                    Pod.class));
    pods()
        .updateStatus(
            p.withStatus(
                AdmissionApiTest.yaml("phase: Running", dev.keelson.api.core.v1.PodStatus.class)));
  }

  private void budget(String name, int allowed) {
    PodDisruptionBudget b =
        budgets()
            .create(
                AdmissionApiTest.yaml(
                    "metadata: {name: "
                        + name
                        + "}\n"
                        + "spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}",
                    PodDisruptionBudget.class));
    budgets()
        .updateStatus(
            b.withStatus(
                AdmissionApiTest.yaml(
                    "observedGeneration: 1\ndisruptionsAllowed: "
                        + allowed
                        + "\ncurrentHealthy: 2\ndesiredHealthy: 1\nexpectedPods: 2",
                    PodDisruptionBudgetStatus.class)));
  }

  private void evict(String pod) {
    ObjectNode body =
        (ObjectNode)
            KubeJson.parseYaml(
                "apiVersion: policy/v1\nkind: Eviction\nmetadata: {name: " + pod + "}");
    pods().createSubresource(pod, "eviction", GenericObject.of(body));
  }

  @Test
  void evictionTakesTheLastAllowedDisruptionThenIsRefusedWith429() {
    runningPod("a");
    runningPod("b");
    budget("web", 1);

    evict("a");
    PodDisruptionBudgetStatus s = budgets().get("web").status();
    assertThat(s.disruptionsAllowed()).isZero();
    assertThat(s.disruptedPods()).containsOnlyKeys("a");
    // (an unscheduled pod is deleted at once, as Kubernetes does)
    assertThatThrownBy(() -> pods().get("a")).isInstanceOf(NotFoundException.class);

    assertThatThrownBy(() -> evict("b"))
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("TooManyRequests");
              assertThat(e.getMessage())
                  .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
              assertThat(e.details().causes()).hasSize(1);
              assertThat(e.details().causes().get(0).reason()).isEqualTo("DisruptionBudget");
              assertThat(e.details().causes().get(0).message())
                  .isEqualTo("The disruption budget web needs 1 healthy pods and has 2 currently");
            });
    assertThat(pods().get("b").metadata().deletionTimestamp()).isNull();
  }

  @Test
  void podsNotRunningIgnoreTheBudgetAndTwoBudgetsAreAnError() {
    runningPod("a");
    budget("one", 0);
    budget("two", 0);
    assertThatThrownBy(() -> evict("a"))
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining(
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
                + " not support.");
    Pod pending =
        pods()
            .create(
                AdmissionApiTest.yaml(
                    "metadata: {name: pending, labels: {app: web}}\n"
                        + "spec: {containers: [{name: a, image: x}]}",
                    Pod.class));
    evict(pending.metadata().name());
    assertThatThrownBy(() -> pods().get("pending")).isInstanceOf(NotFoundException.class);
  }
}

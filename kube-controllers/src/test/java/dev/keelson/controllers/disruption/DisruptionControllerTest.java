package dev.keelson.controllers.disruption;

import static dev.keelson.controllers.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.TooManyRequestsException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Condition;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.policy.v1.PodDisruptionBudgetStatus;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class DisruptionControllerTest {
  static <T> T yaml(String yaml, Class<T> type) {
    return KubeJson.convert(KubeJson.parseYaml(yaml), type);
  }

  /** A running, ready pod labelled app=web. */
  static void readyPod(KubeClient client, String name) {
    Pod created =
        client
            .resources(Pod.class)
            .inNamespace("default")
            .create(
                yaml(
                    "metadata: {name: "
                        + name
                        + ", labels: {app: web}}\nspec: {containers: [{name: a, image: x}]}",
                    Pod.class));
    Pod running =
        created.withStatus(
            yaml(
                "phase: Running\nconditions: [{type: Ready, status: 'True'}]",
                dev.keelson.api.core.v1.PodStatus.class));
    client.resources(Pod.class).inNamespace("default").updateStatus(running);
  }

  private static PodDisruptionBudgetStatus statusWhen(
      KubeClient client, String what, Predicate<PodDisruptionBudgetStatus> p) {
    return await(
        what,
        () -> {
          PodDisruptionBudget b =
              client.resources(PodDisruptionBudget.class).inNamespace("default").get("web");
          return b.status() != null && p.test(b.status()) ? b.status() : null;
        });
  }

  private static void evict(KubeClient client, String pod) {
    ObjectNode body =
        (ObjectNode)
            KubeJson.parseYaml(
                "apiVersion: policy/v1\nkind: Eviction\nmetadata: {name: " + pod + "}");
    client
        .resources(Pod.class)
        .inNamespace("default")
        .createSubresource(pod, "eviction", GenericObject.of(body));
  }

  @Test
  void budgetStatusFollowsThePodsAndEvictionsTakeDisruptionsUntilNoneAreLeft(KubeClient client) {
    InformerFactory informers = InformerFactory.create(client);
    try (DisruptionController c = new DisruptionController(client, informers, Clock.system())) {
      c.start();
      for (String name : new String[] {"a", "b", "c"}) {
        readyPod(client, name);
      }
      client
          .resources(PodDisruptionBudget.class)
          .inNamespace("default")
          .create(
              yaml(
                  "metadata: {name: web}\nspec: {minAvailable: 2, selector: {matchLabels: {app:"
                      + " web}}}",
                  PodDisruptionBudget.class));
      PodDisruptionBudgetStatus s =
          statusWhen(client, "3 healthy", st -> Integer.valueOf(3).equals(st.currentHealthy()));
      assertThat(s.desiredHealthy()).isEqualTo(2);
      assertThat(s.expectedPods()).isEqualTo(3);
      assertThat(s.disruptionsAllowed()).isEqualTo(1);
      assertThat(s.observedGeneration()).isEqualTo(1L);
      Condition allowed = s.conditions().get(0);
      assertThat(allowed.type()).isEqualTo("DisruptionAllowed");
      assertThat(allowed.status()).isEqualTo("True");
      assertThat(allowed.reason()).isEqualTo("SufficientPods");

      evict(client, "a");
      PodDisruptionBudget after =
          client.resources(PodDisruptionBudget.class).inNamespace("default").get("web");
      // the API server took the disruption at once, before the controller looked again
      assertThat(after.status().disruptionsAllowed()).isZero();
      if (Integer.valueOf(3).equals(after.status().currentHealthy())) {
        // the controller has not recounted yet: the eviction's record of a is there (once it
        // recounts, a is gone from the pods and from disruptedPods)
        assertThat(after.status().disruptedPods()).containsKey("a");
      }

      // a is gone (unscheduled pods go at once): the controller counts 2 healthy, none allowed
      PodDisruptionBudgetStatus later =
          statusWhen(
              client, "a no longer healthy", st -> Integer.valueOf(2).equals(st.currentHealthy()));
      assertThat(later.disruptionsAllowed()).isZero();
      assertThat(later.conditions().get(0).reason()).isEqualTo("InsufficientPods");
      assertThatThrownBy(() -> evict(client, "b"))
          .isInstanceOfSatisfying(
              TooManyRequestsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(429);
                assertThat(e.getMessage())
                    .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
                assertThat(e.details().causes().get(0).reason()).isEqualTo("DisruptionBudget");
                assertThat(e.details().causes().get(0).message())
                    .isEqualTo(
                        "The disruption budget web needs 2 healthy pods and has 2 currently");
              });
      assertThat(
              client
                  .resources(Pod.class)
                  .inNamespace("default")
                  .get("b")
                  .metadata()
                  .deletionTimestamp())
          .isNull();
    } finally {
      informers.close();
    }
  }
}

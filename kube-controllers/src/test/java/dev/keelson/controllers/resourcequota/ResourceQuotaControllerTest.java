package dev.keelson.controllers.resourcequota;

import static dev.keelson.controllers.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.Quantity;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class ResourceQuotaControllerTest {
  static <T> T yaml(String yaml, Class<T> type) {
    return KubeJson.convert(KubeJson.parseYaml(yaml), type);
  }

  static Pod pod(String name, String cpu) {
    return yaml(
        "metadata: {name: "
            + name
            + "}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:"
            + " {requests: {cpu: "
            + cpu
            + "}}\n",
        Pod.class);
  }

  private static ResourceQuota quotaWhen(
      KubeClient client, String what, java.util.function.Predicate<Map<String, Quantity>> used) {
    return await(
        what,
        () -> {
          ResourceQuota q = client.resources(ResourceQuota.class).inNamespace("default").get("q");
          return q.status() != null && used.test(q.status().used()) ? q : null;
        });
  }

  @Test
  void usageIsCountedChargedByAdmissionAndReleasedOnDelete(KubeClient client) {
    InformerFactory informers = InformerFactory.create(client);
    try (ResourceQuotaController c =
        new ResourceQuotaController(client, informers, Clock.system())) {
      c.start();
      client.resources(Pod.class).inNamespace("default").create(pod("before", "100m"));
      client
          .resources(ResourceQuota.class)
          .inNamespace("default")
          .create(
              yaml(
                  "metadata: {name: q}\nspec: {hard: {pods: '2', requests.cpu: '1', configmaps:"
                      + " '10'}}",
                  ResourceQuota.class));
      ResourceQuota counted = quotaWhen(client, "first count", u -> u.containsKey("pods"));
      assertThat(counted.status().hard()).isEqualTo(counted.spec().hard());
      assertThat(counted.status().used().get("pods")).isEqualTo(Quantity.parse("1"));
      assertThat(counted.status().used().get("requests.cpu")).isEqualTo(Quantity.parse("100m"));
      // configmaps: kube-root-ca.crt is not published here; none exist
      assertThat(counted.status().used().get("configmaps")).isEqualTo(Quantity.parse("0"));

      client.resources(Pod.class).inNamespace("default").create(pod("second", "300m"));
      quotaWhen(client, "second pod charged", u -> Quantity.parse("2").equals(u.get("pods")));
      assertThatThrownBy(
              () -> client.resources(Pod.class).inNamespace("default").create(pod("third", "100m")))
          .isInstanceOf(ForbiddenException.class)
          .hasMessage(
              "pods \"third\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2,"
                  + " limited: pods=2");

      client
          .resources(Pod.class)
          .inNamespace("default")
          .delete(
              "before",
              new dev.keelson.api.meta.DeleteOptions(null, null, 0L, null, null, null, null));
      ResourceQuota released =
          quotaWhen(client, "pod released", u -> Quantity.parse("1").equals(u.get("pods")));
      assertThat(released.status().used().get("requests.cpu")).isEqualTo(Quantity.parse("300m"));
    } finally {
      informers.close();
    }
  }

  @Test
  void quotaNamesMapToTheResourcesTheyCount() {
    assertThat(
            ResourceQuotaController.resources(
                java.util.Set.of("count/deployments.apps", "limits.memory", "services.nodeports")))
        .containsExactlyInAnyOrder(
            dev.keelson.api.GroupResource.of("apps", "deployments"),
            dev.keelson.api.GroupResource.of("", "pods"),
            dev.keelson.api.GroupResource.of("", "services"));
  }
}

package dev.keelson.controllers.serviceaccount;

import static dev.keelson.controllers.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class ServiceAccountControllerTest {
  private static ServiceAccount defaultIn(KubeClient client, String ns) {
    try {
      return client.resources(ServiceAccount.class).inNamespace(ns).get("default");
    } catch (NotFoundException e) {
      return null;
    }
  }

  @Test
  void everyNamespaceGetsADefaultServiceAccountAgainAfterItsDeletion(KubeClient client) {
    InformerFactory informers = InformerFactory.create(client);
    try (ServiceAccountController c =
        new ServiceAccountController(client, informers, Clock.system())) {
      c.start();
      await("default SA in kube-system", () -> defaultIn(client, "kube-system"));
      client
          .resources(Namespace.class)
          .create(new Namespace(null, null, ObjectMeta.named("team"), null, null));
      ServiceAccount first = await("default SA in team", () -> defaultIn(client, "team"));

      client.resources(ServiceAccount.class).inNamespace("team").delete("default", null);
      ServiceAccount again =
          await(
              "a new default SA in team",
              () -> {
                ServiceAccount sa = defaultIn(client, "team");
                return sa != null && !sa.metadata().uid().equals(first.metadata().uid())
                    ? sa
                    : null;
              });
      assertThat(again.metadata().name()).isEqualTo("default");
    } finally {
      informers.close();
    }
  }
}

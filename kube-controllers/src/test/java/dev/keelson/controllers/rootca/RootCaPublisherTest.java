package dev.keelson.controllers.rootca;

import static dev.keelson.controllers.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@KeelsonTest(perTest = true)
class RootCaPublisherTest {
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

  private static ConfigMap rootCa(KubeClient client, String ns) {
    try {
      return client.resources(ConfigMap.class).inNamespace(ns).get(RootCaPublisher.NAME);
    } catch (NotFoundException e) {
      return null;
    }
  }

  @Test
  void everyNamespaceGetsTheClusterCaAndChangesAreUndone(KubeClient client) {
    InformerFactory informers = InformerFactory.create(client);
    try (RootCaPublisher p = new RootCaPublisher(client, informers, Clock.system(), PEM)) {
      p.start();
      client
          .resources(Namespace.class)
          .create(new Namespace(null, null, ObjectMeta.named("team"), null, null));
      ConfigMap cm = await("kube-root-ca.crt in team", () -> rootCa(client, "team"));
      assertThat(cm.data()).containsExactly(Map.entry("ca.crt", PEM));
      assertThat(cm.metadata().annotations()).containsKey("kubernetes.io/description");

      client
          .resources(ConfigMap.class)
          .inNamespace("team")
          .update(cm.withData(Map.of("ca.crt", "tampered")));
      await(
          "CA restored",
          () -> {
            ConfigMap now = rootCa(client, "team");
            return now != null && PEM.equals(now.data().get("ca.crt")) ? now : null;
          });
    } finally {
      informers.close();
    }
  }

  @Test
  void aPublisherWithoutCaIsRefused(KubeClient client) {
    assertThatThrownBy(
            () -> new RootCaPublisher(client, InformerFactory.create(client), Clock.system(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.keelson.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.manager.Manager;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

@KeelsonTest
class BuiltinControllersTest {

  @Test
  void everyBuiltInControllerHasKubeControllerManagersName() {
    assertThat(BuiltinControllers.names())
        .contains(
            "namespace-controller",
            "garbage-collector-controller",
            "replicaset-controller",
            "deployment-controller",
            "statefulset-controller",
            "daemonset-controller",
            "job-controller",
            "cronjob-controller",
            "endpoints-controller",
            "endpointslice-controller",
            "node-lifecycle-controller",
            "taint-eviction-controller",
            "node-ipam-controller")
        .doesNotHaveDuplicates();
  }

  @Test
  void anUnknownControllerNameIsRefusedWithTheKnownOnes(KubeClient client) {
    try (Manager manager = Manager.builder(client).build()) {
      assertThatThrownBy(() -> BuiltinControllers.add(manager, Set.of("bogus-controller")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "unknown controllers [bogus-controller]; the built-in ones are [");
    }
  }

  @Test
  void aManagerWithAllOfThemDeletesANamespaceAndItsContent(KubeClient client) throws Exception {
    try (Manager manager = Manager.builder(client).build()) {
      BuiltinControllers.addAll(manager);
      manager.add(BuiltinControllers.scheduler(manager));
      manager.start();
      client
          .resources(Namespace.class)
          .create(KubeJson.decodeYaml("metadata: {name: scratch}", Namespace.class));
      client
          .resources(ConfigMap.class)
          .inNamespace("scratch")
          .create(KubeJson.decodeYaml("metadata: {name: c}\ndata: {k: v}", ConfigMap.class));
      client.resources(Namespace.class).delete("scratch", null);
      Eventually.await("namespace gone", Duration.ofSeconds(30), () -> gone(client, "scratch"));
    }
  }

  private static boolean gone(KubeClient client, String namespace) {
    try {
      client.resources(Namespace.class).get(namespace);
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }
}

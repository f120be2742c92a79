package dev.keelson.controllers.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.deployment.DeploymentController;
import dev.keelson.controllers.deployment.DeploymentUtil;
import dev.keelson.controllers.replicaset.ReplicaSetController;
import dev.keelson.controllers.testing.FakeKubelet;
import dev.keelson.controllers.testing.Kubectl;
import dev.keelson.testkit.KeelsonTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl drives a rollout end to end against the controllers (on the system clock, with a
 * background fake kubelet making pods Ready): create, rollout status, set image, rollout history,
 * rollout undo, scale.
 */
@KeelsonTest
class KubectlRolloutIT {
  @Test
  void kubectlRolloutLifecycle(KubeClient client, ApiServer server, @TempDir Path dir)
      throws Exception {
    Kubectl kubectl = Kubectl.forServer(server, dir);
    String ns = "kubectl-rollout";
    client
        .resources(Namespace.class)
        .create(NamespaceBuilder.builder().metadata(ObjectMeta.named(ns)).build());
    Clock clock = Clock.system();
    try (InformerFactory informers = InformerFactory.create(client);
        ReplicaSetController rs = new ReplicaSetController(client, informers, clock, 2);
        DeploymentController dc = new DeploymentController(client, informers, clock, 2);
        FakeKubelet kubelet = new FakeKubelet(client, clock, ns).startBackground(50)) {
      rs.start();
      dc.start();

      kubectl.ok("-n", ns, "create", "deployment", "web", "--image=nginx:1.0", "--replicas=3");
      assertThat(kubectl.ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s"))
          .contains("deployment \"web\" successfully rolled out");

      kubectl.ok("-n", ns, "set", "image", "deployment/web", "nginx=nginx:2.0");
      assertThat(kubectl.ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s"))
          .contains("deployment \"web\" successfully rolled out");
      assertThat(revision(client, ns)).isEqualTo("2");

      String history = kubectl.ok("-n", ns, "rollout", "history", "deployment/web");
      assertThat(history)
          .contains("REVISION")
          .containsPattern("(?m)^1\\s")
          .containsPattern("(?m)^2\\s");

      assertThat(kubectl.ok("-n", ns, "rollout", "undo", "deployment/web"))
          .contains("deployment.apps/web rolled back");
      assertThat(kubectl.ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s"))
          .contains("deployment \"web\" successfully rolled out");
      Deployment d = client.resources(Deployment.class).inNamespace(ns).get("web");
      assertThat(d.spec().template().spec().containers().get(0).image()).isEqualTo("nginx:1.0");
      assertThat(revision(client, ns)).isEqualTo("3");
      // Revision 1's ReplicaSet was reused as revision 3.
      history = kubectl.ok("-n", ns, "rollout", "history", "deployment/web");
      assertThat(history).containsPattern("(?m)^2\\s").containsPattern("(?m)^3\\s");
      assertThat(history).doesNotContainPattern("(?m)^1\\s");
      assertThat(kubectl.ok("-n", ns, "rollout", "history", "deployment/web", "--revision=3"))
          .contains("nginx:1.0");

      // The scale subresource (served by the API server) drives the controllers too.
      kubectl.ok("-n", ns, "scale", "deployment/web", "--replicas=5");
      assertThat(kubectl.ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s"))
          .contains("deployment \"web\" successfully rolled out");
      assertThat(kubectl.ok("-n", ns, "get", "deployment", "web"))
          .containsPattern("web\\s+5/5\\s+5\\s+5");
    }
  }

  private static String revision(KubeClient client, String ns) {
    return client
        .resources(Deployment.class)
        .inNamespace(ns)
        .get("web")
        .metadata()
        .annotation(DeploymentUtil.REVISION);
  }
}

package dev.keelson.controllers.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.resourcequota.ResourceQuotaController;
import dev.keelson.controllers.serviceaccount.ServiceAccountController;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against a server with kube-apiserver's default admission plugins and the
 * serviceaccount and resourcequota controllers: a LimitRange's default lands in a pod made by
 * {@code kubectl run}, and a pod beyond a ResourceQuota is refused with Kubernetes' message.
 */
class AdmissionKubectlIT {
  @TempDir Path dir;
  private ApiServer server;
  private KubeClient client;
  private InformerFactory informers;
  private ServiceAccountController accounts;
  private ResourceQuotaController quotas;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0));
    kubectl = Kubectl.forServer(server, dir);
    client = server.inProcessClient();
    informers = InformerFactory.create(client);
    accounts = new ServiceAccountController(client, informers, Clock.system());
    quotas = new ResourceQuotaController(client, informers, Clock.system());
    accounts.start();
    quotas.start();
  }

  @AfterEach
  void stop() {
    if (quotas != null) {
      quotas.close();
    }
    if (accounts != null) {
      accounts.close();
    }
    if (informers != null) {
      informers.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private boolean exists(Runnable get) {
    try {
      get.run();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Test
  void limitRangeDefaultsAPodAndTheQuotaRefusesTheNextOne() throws Exception {
    kubectl.ok("create", "namespace", "demo");
    Await.until(
        "the default ServiceAccount of demo",
        () ->
            exists(
                () -> client.resources(ServiceAccount.class).inNamespace("demo").get("default")));
    Path manifests = dir.resolve("policy.yaml");
    Files.writeString(
        manifests,
        """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults, namespace: demo}
        spec:
          limits:
          - type: Container
            default: {memory: 128Mi, cpu: 250m}
            defaultRequest: {memory: 64Mi, cpu: 100m}
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: compute, namespace: demo}
        spec:
          hard: {pods: "1", requests.memory: 1Gi}
        """);
    kubectl.ok("apply", "-f", manifests.toString());
    Await.until(
        "the quota is counted",
        () -> {
          ResourceQuota q =
              client.resources(ResourceQuota.class).inNamespace("demo").get("compute");
          return q.status() != null && q.status().used().containsKey("pods");
        });

    kubectl.ok("run", "first", "--image=nginx", "-n", "demo");
    assertThat(
            kubectl.ok(
                "get",
                "pod",
                "first",
                "-n",
                "demo",
                "-o",
                "jsonpath={.spec.containers[0].resources.limits.memory}"
                    + " {.spec.containers[0].resources.requests.cpu}"
                    + " {.spec.serviceAccountName}"))
        .isEqualTo("128Mi 100m default");

    Kubectl.Result second = kubectl.run("run", "second", "--image=nginx", "-n", "demo");
    assertThat(second.exit()).isNotZero();
    assertThat(second.err())
        .contains(
            "Error from server (Forbidden): pods \"second\" is forbidden: exceeded quota: compute,"
                + " requested: pods=1, used: pods=1, limited: pods=1");
    assertThat(
            kubectl.ok(
                "get", "resourcequota", "compute", "-n", "demo", "-o", "jsonpath={.status.used}"))
        .contains("\"requests.memory\":\"64Mi\"");
  }
}

package dev.keelson.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.api.GroupResource;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Kubectl;
import dev.keelson.apiserver.Kubectl.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl discovers resources (aggregated and legacy) and explains them from the OpenAPI
 * v3 documents. Every call uses a fresh {@code --cache-dir}: kubectl caches discovery for hours.
 */
class KubectlDiscoveryIT {
  private static final Path KUBECTL = Kubectl.BINARY;

  @TempDir Path dir;

  private Result kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
    return new Kubectl(dir, kubeconfig).run(args);
  }

  private Path kubeconfig(ApiServer server, String name) throws IOException {
    Path kubeconfig = dir.resolve(name);
    server.adminKubeconfig("keelson").write(kubeconfig);
    return kubeconfig;
  }

  /** The row of {@code kubectl api-resources} for {@code name} in {@code apiVersion}, split. */
  private static List<String> row(String table, String name, String apiVersion) {
    for (String line : table.split("\n")) {
      List<String> cells = List.of(line.trim().split("\\s+"));
      if (cells.get(0).equals(name) && cells.contains(apiVersion)) {
        return cells;
      }
    }
    throw new AssertionError(name + " " + apiVersion + " not listed:\n" + table);
  }

  private static void assertBuiltinsListed(String table) {
    assertThat(row(table, "pods", "v1")).containsExactly("pods", "po", "v1", "true", "Pod");
    assertThat(row(table, "deployments", "apps/v1"))
        .containsExactly("deployments", "deploy", "apps/v1", "true", "Deployment");
    assertThat(row(table, "nodes", "v1")).containsExactly("nodes", "no", "v1", "false", "Node");
    assertThat(row(table, "customresourcedefinitions", "apiextensions.k8s.io/v1"))
        .containsExactly(
            "customresourcedefinitions",
            "crd,crds",
            "apiextensions.k8s.io/v1",
            "false",
            "CustomResourceDefinition");
  }

  @Test
  void apiResourcesUsesAggregatedDiscoveryAndSeesCustomResourcesAddedAtRunTime() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0))) {
      Path kubeconfig = kubeconfig(server, "kubeconfig");
      Result r = kubectl(kubeconfig, "api-resources", "-v=6");
      assertThat(r.exit()).as(r.err()).isZero();
      assertBuiltinsListed(r.out());
      // aggregated: /api and /apis answer everything, no group-version is fetched
      assertThat(r.err()).contains("GET " + server.url() + "/api?").contains("/apis?");
      assertThat(r.err()).doesNotContain("/api/v1?").doesNotContain("/apis/apps/v1?");

      server
          .registry()
          .register(
              ResourceType.of("example.com", "v1", "Widget", "widgets", true)
                  .withShortNames(List.of("wd")));
      Result after = kubectl(kubeconfig, "api-resources", "--api-group=example.com");
      assertThat(after.exit()).as(after.err()).isZero();
      assertThat(row(after.out(), "widgets", "example.com/v1"))
          .containsExactly("widgets", "wd", "example.com/v1", "true", "Widget");

      server.registry().removeAll(new GroupResource("example.com", "widgets"));
      Result gone = kubectl(kubeconfig, "api-resources", "--api-group=example.com");
      assertThat(gone.out()).doesNotContain("widgets");
    }
  }

  @Test
  void apiResourcesFallsBackToLegacyDiscoveryWhenAggregatedIsOff() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    try (ApiServer server =
        ApiServer.start(ApiServerConfig.loopback(0).withAggregatedDiscovery(false))) {
      Result r = kubectl(kubeconfig(server, "kubeconfig"), "api-resources", "-v=6");
      assertThat(r.exit()).as(r.err()).isZero();
      assertBuiltinsListed(r.out());
      assertThat(r.err()).contains("/api/v1?").contains("/apis/apps/v1?");
    }
  }

  @Test
  void createWithStrictValidationLeavesValidationToTheServer() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0))) {
      Path manifest = dir.resolve("pod.yaml");
      Files.writeString(
          manifest,
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
          spec:
            containers:
            - name: c
              image: nginx
              bogus: 1
          """);
      Result r =
          kubectl(
              kubeconfig(server, "kubeconfig"),
              "create",
              "-f",
              manifest.toString(),
              "--validate=strict",
              "-v=6");
      // kubectl found fieldValidation on the Pod's PATCH operation in /openapi/v3/api/v1, so it
      // did not validate the unknown field itself: it sent the object with fieldValidation=Strict,
      // and the server refused it with the strict decoding error
      assertThat(r.err()).contains("GET " + server.url() + "/openapi/v3/api/v1?hash=");
      assertThat(r.err())
          .contains("POST " + server.url() + "/api/v1/namespaces/default/pods?")
          .contains("fieldValidation=Strict")
          .contains("400 Bad Request");
      assertThat(r.err())
          .contains("strict decoding error: unknown field \"spec.containers[0].bogus\"")
          .doesNotContain("failed to download");
    }
  }

  @Test
  void explainPrintsFieldListsFromOpenApiV3() throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0))) {
      Path kubeconfig = kubeconfig(server, "kubeconfig");

      Result containers = kubectl(kubeconfig, "explain", "pods.spec.containers");
      assertThat(containers.exit()).as(containers.err()).isZero();
      assertThat(containers.out())
          .contains("KIND:       Pod")
          .contains("VERSION:    v1")
          .contains("FIELD: containers <[]Container>")
          .contains("image\t<string>")
          .contains("ports\t<[]ContainerPort>")
          .contains("resources\t<ResourceRequirements>");

      Result strategy = kubectl(kubeconfig, "explain", "deployments.spec.strategy");
      assertThat(strategy.exit()).as(strategy.err()).isZero();
      assertThat(strategy.out())
          .contains("GROUP:      apps")
          .contains("KIND:       Deployment")
          .contains("FIELD: strategy <DeploymentStrategy>")
          .contains("rollingUpdate\t<RollingUpdateDeployment>")
          .contains("type\t<string>");

      Result limits =
          kubectl(kubeconfig, "explain", "deploy.spec.template.spec.containers.resources");
      assertThat(limits.exit()).as(limits.err()).isZero();
      assertThat(limits.out()).contains("limits\t<map[string]Quantity>");

      Result surge = kubectl(kubeconfig, "explain", "deployments.spec.strategy.rollingUpdate");
      assertThat(surge.out()).contains("maxSurge\t<IntOrString>");

      Result nodes = kubectl(kubeconfig, "explain", "nodes.spec");
      assertThat(nodes.exit()).as(nodes.err()).isZero();
      assertThat(nodes.out()).contains("KIND:       Node").contains("podCIDR\t<string>");

      Result pod = kubectl(kubeconfig, "explain", "pods");
      assertThat(pod.out()).contains("spec\t<PodSpec>").contains("The desired state");

      Result missing = kubectl(kubeconfig, "explain", "pods.spec.nosuchfield");
      assertThat(missing.exit()).isNotZero();
      assertThat(missing.err()).contains("field \"nosuchfield\" does not exist");
    }
  }
}

package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl with a CustomResourceDefinition: apply it, wait for Established, apply a custom
 * resource (client-side validation from the OpenAPI document), get it by short name with its
 * printer columns, explain it, scale it, see an invalid one refused, and delete the CRD with its
 * objects.
 */
class KubectlCustomResourceIT {
  @TempDir Path dir;
  private ApiServer server;
  private Kubectl kubectl;

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: crontabs.stable.example.com
      spec:
        group: stable.example.com
        scope: Namespaced
        names:
          plural: crontabs
          singular: crontab
          kind: CronTab
          shortNames: [ct]
          categories: [all]
        versions:
        - name: v1
          served: true
          storage: true
          subresources:
            status: {}
            scale:
              specReplicasPath: .spec.replicas
              statusReplicasPath: .status.replicas
          additionalPrinterColumns:
          - name: Spec
            type: string
            jsonPath: .spec.cronSpec
          - name: Replicas
            type: integer
            jsonPath: .spec.replicas
          - name: Age
            type: date
            jsonPath: .metadata.creationTimestamp
          schema:
            openAPIV3Schema:
              type: object
              description: A periodic job.
              properties:
                spec:
                  type: object
                  description: What to run and when.
                  required: [cronSpec]
                  properties:
                    cronSpec:
                      type: string
                      description: The schedule, in cron format.
                      pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
                    image:
                      type: string
                    replicas:
                      type: integer
                      minimum: 1
                      maximum: 10
                      default: 1
                status:
                  type: object
                  properties:
                    replicas:
                      type: integer
      """;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0));
    kubectl = Kubectl.forServer(server, dir);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path file(String name, String yaml) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void aCrdAndItsCustomResourcesThroughKubectl() throws Exception {
    assertThat(kubectl.ok("apply", "-f", file("crd.yaml", CRD).toString()))
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created");
    assertThat(
            kubectl.ok(
                "wait",
                "--for",
                "condition=established",
                "--timeout=30s",
                "crd/crontabs.stable.example.com"))
        .contains("condition met");

    Path ct =
        file(
            "ct.yaml",
            """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: nightly
            spec:
              cronSpec: "* * * * */5"
              image: my-cron-image
            """);
    assertThat(kubectl.ok("apply", "-f", ct.toString()))
        .contains("crontab.stable.example.com/nightly created");
    String table = kubectl.ok("get", "ct");
    assertThat(table.lines().findFirst().orElse("")).matches("NAME\\s+SPEC\\s+REPLICAS\\s+AGE");
    assertThat(table).containsPattern("nightly\\s+\\* \\* \\* \\* \\*/5\\s+1\\s+\\d+s");
    assertThat(kubectl.ok("get", "all", "-o", "name"))
        .contains("crontab.stable.example.com/nightly");

    assertThat(kubectl.ok("explain", "crontab.spec"))
        .contains(
            "KIND:",
            "CronTab",
            "What to run and when.",
            "cronSpec",
            "The schedule, in cron format.");

    assertThat(kubectl.ok("scale", "crontab/nightly", "--replicas=3"))
        .contains("crontab.stable.example.com/nightly scaled");
    JsonNode scaled =
        KubeJson.parse(
            kubectl.ok("get", "crontab", "nightly", "-o", "json").getBytes(StandardCharsets.UTF_8));
    assertThat(scaled.at("/spec/replicas").asInt()).isEqualTo(3);

    Path bad =
        file(
            "bad.yaml",
            """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: broken
            spec:
              cronSpec: "* * * * */5"
              replicas: 11
            """);
    Kubectl.Result refused = kubectl.run("apply", "-f", bad.toString());
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err())
        .contains(
            "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10");

    Path unknown =
        file(
            "unknown.yaml",
            """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: typo
            spec:
              cronSpec: "* * * * */5"
              imag: x
            """);
    Kubectl.Result strict = kubectl.run("apply", "-f", unknown.toString());
    assertThat(strict.exit()).isNotZero();
    assertThat(strict.err()).contains("unknown field \"spec.imag\"");

    assertThat(kubectl.ok("delete", "crd", "crontabs.stable.example.com"))
        .contains(
            "customresourcedefinition.apiextensions.k8s.io \"crontabs.stable.example.com\" deleted");
    Kubectl.Result gone = kubectl.run("get", "crontabs.stable.example.com", "nightly");
    assertThat(gone.exit()).isNotZero();
    assertThat(server.registry().resolve("crontabs")).isEmpty();
  }
}

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

/** The real kubectl, with its default validation, creates, applies, reads and deletes objects. */
class KubectlCrudIT {
  @TempDir Path dir;
  private ApiServer server;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
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

  private static JsonNode json(String text) {
    return KubeJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void createGetApplyAndDeleteAConfigMap() throws Exception {
    Path cm =
        file(
            "cm.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: web}
            data:
              color: blue
            """);
    assertThat(kubectl.ok("create", "-f", cm.toString())).contains("configmap/settings created");
    JsonNode got = json(kubectl.ok("get", "configmap", "settings", "-o", "json"));
    assertThat(got.at("/data/color").asText()).isEqualTo("blue");
    assertThat(got.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(kubectl.ok("get", "cm", "-l", "app=web", "-o", "name"))
        .isEqualTo("configmap/settings\n");

    Path changed =
        file(
            "cm2.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: web}
            data:
              color: green
              size: large
            """);
    // First apply of an object created without it: kubectl warns and patches.
    assertThat(kubectl.ok("apply", "-f", changed.toString())).contains("configmap/settings");
    JsonNode applied = json(kubectl.ok("get", "configmap", "settings", "-o", "json"));
    assertThat(applied.at("/data/color").asText()).isEqualTo("green");
    assertThat(applied.at("/data/size").asText()).isEqualTo("large");
    assertThat(
            applied
                .at("/metadata/annotations")
                .has("kubectl.kubernetes.io/last-applied-configuration"))
        .isTrue();

    assertThat(kubectl.ok("delete", "configmap", "settings")).contains("deleted");
    Kubectl.Result gone = kubectl.run("get", "configmap", "settings");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("configmaps \"settings\" not found");
  }

  @Test
  void applyCreatesADeploymentAndPatchesItWithAStrategicMerge() throws Exception {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
        """;
    assertThat(kubectl.ok("apply", "-f", file("d1.yaml", deployment).toString()))
        .contains("deployment.apps/web created");
    assertThat(
            kubectl.ok(
                "apply",
                "-f",
                file("d2.yaml", deployment.replace("nginx:1.27", "nginx:1.28")).toString()))
        .contains("deployment.apps/web configured");
    JsonNode d = json(kubectl.ok("get", "deployment", "web", "-o", "json"));
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.28");
    assertThat(d.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .isEqualTo(80);
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(2);

    kubectl.ok("label", "deployment", "web", "tier=frontend");
    kubectl.ok("annotate", "deployment", "web", "note=hello");
    kubectl.ok("patch", "deployment", "web", "--type=merge", "-p", "{\"spec\":{\"replicas\":3}}");
    kubectl.ok(
        "patch",
        "deployment",
        "web",
        "--type=json",
        "-p",
        "[{\"op\":\"add\",\"path\":\"/spec/paused\",\"value\":true}]");
    assertThat(kubectl.ok("scale", "deployment", "web", "--replicas=4")).contains("scaled");
    JsonNode after = json(kubectl.ok("get", "deploy", "web", "-o", "json"));
    assertThat(after.at("/metadata/labels/tier").asText()).isEqualTo("frontend");
    assertThat(after.at("/metadata/annotations/note").asText()).isEqualTo("hello");
    assertThat(after.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(after.at("/spec/paused").asBoolean()).isTrue();
  }

  @Test
  void replaceWithAStaleObjectFailsWithAConflict() throws Exception {
    // (kubectl's generators, "create configmap c", send protobuf, which this server does not
    // decode yet; manifests travel as JSON)
    kubectl.ok(
        "create",
        "-f",
        file("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"1\"}\n")
            .toString());
    String stale = kubectl.ok("get", "configmap", "c", "-o", "yaml");
    kubectl.ok("patch", "configmap", "c", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}");
    Kubectl.Result r =
        kubectl.run(
            "replace", "-f", file("stale.yaml", stale.replace("a: \"1\"", "a: \"3\"")).toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("the object has been modified");
    assertThat(json(kubectl.ok("get", "configmap", "c", "-o", "json")).at("/data/a").asText())
        .isEqualTo("2");
  }

  @Test
  void badInputIsRefusedWithTheServersMessage() throws Exception {
    Kubectl.Result badName =
        kubectl.run(
            "create",
            "-f",
            file("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n")
                .toString());
    assertThat(badName.exit()).isNotZero();
    assertThat(badName.err()).contains("is invalid").contains("metadata.name");
    Kubectl.Result unknown = kubectl.run("get", "widgets");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("doesn't have a resource type \"widgets\"");
  }
}

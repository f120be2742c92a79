package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code apply --server-side} by two field managers: the second one changing a
 * field the first owns gets the conflict naming field and manager, {@code --force-conflicts} takes
 * it over, a field the first stops applying is removed, and client-side {@code kubectl apply} still
 * works afterwards; for a Deployment and for a custom resource.
 */
class KubectlServerSideApplyIT {
  @TempDir Path dir;
  private ApiServer server;
  private Kubectl kubectl;

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

  private JsonNode get(String... what) throws Exception {
    List<String> args = new ArrayList<>(List.of("get"));
    args.addAll(List.of(what));
    args.addAll(List.of("-o", "json", "--show-managed-fields"));
    return KubeJson.parse(kubectl.ok(args.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> managers(JsonNode obj) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      out.add(e.path("manager").asText() + "/" + e.path("operation").asText());
    }
    return out;
  }

  private String deployment(int replicas, String extra) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: %d
        %s  selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1
        """
        .formatted(replicas, extra);
  }

  @Test
  void twoFieldManagersOnADeployment() throws Exception {
    Path a = file("a.yaml", deployment(2, "  minReadySeconds: 5\n"));
    assertThat(kubectl.ok("apply", "--server-side", "--field-manager=team-a", "-f", a.toString()))
        .contains("deployment.apps/web serverside-applied");

    Path b =
        file(
            "b.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 5
            """);
    Kubectl.Result conflict =
        kubectl.run("apply", "--server-side", "--field-manager=team-b", "-f", b.toString());
    assertThat(conflict.exit()).isNotZero();
    assertThat(conflict.err())
        .contains("Apply failed with 1 conflict: conflict with \"team-a\": .spec.replicas");
    assertThat(get("deployment", "web").at("/spec/replicas").asInt()).isEqualTo(2);

    assertThat(
            kubectl.ok(
                "apply",
                "--server-side",
                "--field-manager=team-b",
                "--force-conflicts",
                "-f",
                b.toString()))
        .contains("deployment.apps/web serverside-applied");
    JsonNode forced = get("deployment", "web");
    assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(managers(forced)).contains("team-a/Apply", "team-b/Apply");

    // team-a stops applying minReadySeconds (and replicas, now team-b's): it is removed
    Path a2 = file("a2.yaml", deployment(5, "").replace("  replicas: 5\n", ""));
    kubectl.ok("apply", "--server-side", "--field-manager=team-a", "-f", a2.toString());
    JsonNode dropped = get("deployment", "web");
    assertThat(dropped.path("spec").has("minReadySeconds")).isFalse();
    assertThat(dropped.at("/spec/replicas").asInt()).isEqualTo(5);

    // client-side apply still works on the same object
    Path client = file("client.yaml", deployment(3, ""));
    assertThat(kubectl.ok("apply", "-f", client.toString()))
        .contains("deployment.apps/web configured");
    JsonNode after = get("deployment", "web");
    assertThat(after.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(managers(after)).contains("kubectl-client-side-apply/Update");
  }

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.ssa.example.com
      spec:
        group: ssa.example.com
        scope: Namespaced
        names: {plural: gadgets, singular: gadget, kind: Gadget}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                    color: {type: string}
                    ports:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        required: [name]
                        properties:
                          name: {type: string}
                          port: {type: integer}
      """;

  @Test
  void twoFieldManagersOnACustomResource() throws Exception {
    kubectl.ok("apply", "-f", file("crd.yaml", CRD).toString());
    kubectl.ok(
        "wait", "--for", "condition=established", "--timeout=30s", "crd/gadgets.ssa.example.com");

    Path a =
        file(
            "ga.yaml",
            """
            apiVersion: ssa.example.com/v1
            kind: Gadget
            metadata: {name: g}
            spec:
              size: 1
              color: red
              ports:
              - {name: http, port: 80}
            """);
    assertThat(kubectl.ok("apply", "--server-side", "--field-manager=team-a", "-f", a.toString()))
        .contains("gadget.ssa.example.com/g serverside-applied");

    Path b =
        file(
            "gb.yaml",
            """
            apiVersion: ssa.example.com/v1
            kind: Gadget
            metadata: {name: g}
            spec:
              size: 2
              ports:
              - {name: metrics, port: 9090}
            """);
    Kubectl.Result conflict =
        kubectl.run("apply", "--server-side", "--field-manager=team-b", "-f", b.toString());
    assertThat(conflict.exit()).isNotZero();
    assertThat(conflict.err())
        .contains("Apply failed with 1 conflict: conflict with \"team-a\": .spec.size");

    kubectl.ok(
        "apply",
        "--server-side",
        "--field-manager=team-b",
        "--force-conflicts",
        "-f",
        b.toString());
    JsonNode forced = get("gadget", "g");
    assertThat(forced.at("/spec/size").asInt()).isEqualTo(2);
    assertThat(forced.at("/spec/ports").size()).as("merged by the name key").isEqualTo(2);

    Path a2 =
        file(
            "ga2.yaml",
            """
            apiVersion: ssa.example.com/v1
            kind: Gadget
            metadata: {name: g}
            spec:
              ports:
              - {name: http, port: 80}
            """);
    kubectl.ok("apply", "--server-side", "--field-manager=team-a", "-f", a2.toString());
    JsonNode dropped = get("gadget", "g");
    assertThat(dropped.path("spec").has("color")).isFalse();
    assertThat(dropped.at("/spec/size").asInt()).isEqualTo(2);

    Path client =
        file(
            "gc.yaml",
            """
            apiVersion: ssa.example.com/v1
            kind: Gadget
            metadata: {name: g}
            spec:
              size: 3
              ports:
              - {name: http, port: 80}
              - {name: metrics, port: 9090}
            """);
    assertThat(kubectl.ok("apply", "-f", client.toString()))
        .contains("gadget.ssa.example.com/g configured");
    assertThat(get("gadget", "g").at("/spec/size").asInt()).isEqualTo(3);
  }
}

package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Kubeconfig;
import dev.keelson.apiserver.Kubectl;
import dev.keelson.apiserver.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against a server with authentication and RBAC on: {@code auth can-i} as two
 * users with different bindings, {@code auth whoami}, {@code create token}, and a request without
 * credentials refused.
 */
class KubectlAuthIT {
  @TempDir static Path dir;
  static ApiServer server;
  static Kubectl admin;
  static Kubectl bob;
  static Kubectl carol;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    admin = Kubectl.forServer(server, dir);
    bob = as(server.userKubeconfig("keelson", "bob", List.of("team-b")), "bob");
    carol = as(server.userKubeconfig("keelson", "carol", List.of()), "carol");
    admin.ok("create", "namespace", "a");
    admin.ok("create", "namespace", "b");
    admin.ok("create", "rolebinding", "bob-edit", "--clusterrole=edit", "--user=bob", "-n", "a");
    admin.ok("create", "clusterrolebinding", "carol-view", "--clusterrole=view", "--user=carol");
    Poll.await(
        "the bindings are in force",
        Duration.ofSeconds(20),
        () ->
            bob.run("auth", "can-i", "create", "deployments", "-n", "a").out().strip().equals("yes")
                && carol
                    .run("auth", "can-i", "list", "pods", "-n", "b")
                    .out()
                    .strip()
                    .equals("yes"));
  }

  private static Kubectl as(Kubeconfig config, String name) throws Exception {
    Path file = dir.resolve("kubeconfig-" + name);
    config.write(file);
    return new Kubectl(dir, file);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void canIAnswersPerUserAndBinding() throws Exception {
    assertThat(bob.run("auth", "can-i", "create", "deployments", "-n", "a").out().strip())
        .isEqualTo("yes");
    Kubectl.Result no = bob.run("auth", "can-i", "create", "deployments", "-n", "b");
    assertThat(no.out().strip()).isEqualTo("no");
    assertThat(no.exit()).isEqualTo(1);
    assertThat(bob.run("auth", "can-i", "list", "pods", "-A").out().strip()).isEqualTo("no");
    assertThat(carol.run("auth", "can-i", "list", "pods", "-A").out().strip()).isEqualTo("yes");
    assertThat(carol.run("auth", "can-i", "create", "deployments", "-n", "a").out().strip())
        .isEqualTo("no");
    assertThat(carol.run("auth", "can-i", "get", "secrets", "-n", "a").out().strip())
        .isEqualTo("no");
    assertThat(bob.run("auth", "can-i", "get", "secrets", "-n", "a").out().strip())
        .isEqualTo("yes");
    assertThat(admin.run("auth", "can-i", "*", "*").out().strip()).isEqualTo("yes");
    String list = bob.ok("auth", "can-i", "--list", "-n", "a");
    assertThat(list).contains("deployments.apps").contains("selfsubjectaccessreviews");
  }

  @Test
  void forbiddenIsReportedAsKubernetesWordsIt() throws Exception {
    Kubectl.Result r = bob.run("get", "pods", "-n", "b");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains(
            "Error from server (Forbidden): pods is forbidden: User \"bob\" cannot list resource"
                + " \"pods\" in API group \"\" in the namespace \"b\"");
    assertThat(bob.ok("get", "pods", "-n", "a")).doesNotContain("Forbidden");
  }

  @Test
  void requestsWithoutCredentialsAreUnauthorized() throws Exception {
    // A user with an empty token file: kubectl then sends no token (and does not prompt for a
    // user name, as it would for a user without any credentials).
    Path empty = dir.resolve("empty-token");
    java.nio.file.Files.writeString(empty, "");
    String yaml =
        new Kubeconfig(
                "keelson",
                server.url(),
                server.certificateAuthority().certificate().certificate(),
                null,
                "placeholder")
            .toYaml()
            .replace("token: placeholder", "tokenFile: " + empty);
    Path file = dir.resolve("kubeconfig-nobody");
    java.nio.file.Files.writeString(file, yaml);
    Kubectl nobody = new Kubectl(dir, file);
    Kubectl.Result r = nobody.runWithInput("", "get", "pods", "-n", "a");
    assertThat(r.exit()).isNotZero();
    // kubectl's words for a 401
    assertThat(r.err()).contains("error: You must be logged in to the server");
    Kubectl wrong = as(server.tokenKubeconfig("keelson", "not-a-real-token"), "wrong");
    assertThat(wrong.runWithInput("", "get", "namespaces").err())
        .contains("error: You must be logged in to the server");
  }

  @Test
  void createTokenGivesAServiceAccountIdentity() throws Exception {
    admin.ok("create", "serviceaccount", "robot", "-n", "a");
    String token = admin.ok("create", "token", "robot", "-n", "a", "--duration=15m").strip();
    assertThat(token).startsWith("ey");
    Kubectl robot = as(server.tokenKubeconfig("keelson", token), "robot");
    assertThat(robot.ok("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"))
        .isEqualTo("system:serviceaccount:a:robot");
    assertThat(robot.run("auth", "can-i", "list", "pods", "-n", "a").out().strip()).isEqualTo("no");
    assertThat(bob.ok("auth", "whoami")).contains("bob").contains("team-b");
  }
}

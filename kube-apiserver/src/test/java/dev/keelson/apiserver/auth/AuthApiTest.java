package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication and authorization over HTTPS: who gets in, who gets what, and the answers. */
class AuthApiTest {
  static ApiServer server;
  static AuthHttp admin;
  static AuthHttp bob;
  static AuthHttp anonymous;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("tokens.csv");
    Files.writeString(
        tokens, "s3cr3t-alice-token,alice,uid-alice,\"devs,qa\"\nother-token,carol,uid-carol\n");
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withAuth(AuthConfig.on().withTokenFile(tokens))
                .withoutAdmissionPlugins("ServiceAccount"));
    admin =
        AuthHttp.withCertificate(
            server,
            server
                .certificateAuthority()
                .issueClient("root", List.of("system:masters"), Duration.ofHours(1)));
    bob =
        AuthHttp.withCertificate(
            server,
            server
                .certificateAuthority()
                .issueClient("bob", List.of("team-b"), Duration.ofHours(1)));
    anonymous = AuthHttp.anonymous(server);
    for (String ns : List.of("a", "b")) {
      assertThat(
              admin.send("POST", "/api/v1/namespaces", "{'metadata':{'name':'" + ns + "'}}").code())
          .isEqualTo(201);
    }
    // bob may do what "edit" allows in namespace a, nothing elsewhere
    assertThat(
            admin
                .send(
                    "POST",
                    "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings",
                    "{'metadata':{'name':'bob-edit'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io',"
                        + "'kind':'ClusterRole','name':'edit'},'subjects':[{'kind':'User',"
                        + "'apiGroup':'rbac.authorization.k8s.io','name':'bob'}]}")
                .code())
        .isEqualTo(201);
    Poll.await(
        "bob's binding is in force",
        Duration.ofSeconds(10),
        () -> bob.get("/api/v1/namespaces/a/pods").code() == 200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anonymousRequestsAreUnauthorizedExceptPublicInfo() throws Exception {
    AuthHttp.Answer pods = anonymous.get("/api/v1/pods");
    assertThat(pods.code()).isEqualTo(401);
    assertThat(pods.text("/kind")).isEqualTo("Status");
    assertThat(pods.text("/reason")).isEqualTo("Unauthorized");
    assertThat(pods.text("/message")).isEqualTo("Unauthorized");
    assertThat(anonymous.get("/api").code()).isEqualTo(401);
    assertThat(anonymous.get("/openapi/v3").code()).isEqualTo(401);
    for (String open : List.of("/healthz", "/livez", "/readyz", "/version")) {
      assertThat(anonymous.get(open).code()).as(open).isEqualTo(200);
    }
  }

  @Test
  void forbiddenNamesVerbResourceGroupUserAndNamespace() throws Exception {
    AuthHttp.Answer a = bob.get("/api/v1/namespaces/b/pods");
    assertThat(a.code()).isEqualTo(403);
    assertThat(a.text("/reason")).isEqualTo("Forbidden");
    assertThat(a.text("/message"))
        .isEqualTo(
            "pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the"
                + " namespace \"b\"");
    assertThat(a.text("/details/kind")).isEqualTo("pods");
    AuthHttp.Answer all = bob.get("/apis/apps/v1/deployments?watch=true");
    assertThat(all.code()).isEqualTo(403);
    assertThat(all.text("/message"))
        .isEqualTo(
            "deployments.apps is forbidden: User \"bob\" cannot watch resource \"deployments\" in"
                + " API group \"apps\" at the cluster scope");
    AuthHttp.Answer named = bob.get("/api/v1/namespaces/b/pods/web/log");
    assertThat(named.text("/message"))
        .isEqualTo(
            "pods \"web\" is forbidden: User \"bob\" cannot get resource \"pods/log\" in API group"
                + " \"\" in the namespace \"b\"");
    AuthHttp.Answer nonResource = bob.get("/metrics");
    assertThat(nonResource.code()).isEqualTo(403);
    assertThat(nonResource.text("/message"))
        .isEqualTo("forbidden: User \"bob\" cannot get path \"/metrics\"");
  }

  @Test
  void authenticatedUsersReadDiscoveryButNotSecretsOutsideTheirGrant() throws Exception {
    assertThat(bob.get("/api").code()).isEqualTo(200);
    assertThat(bob.get("/apis/apps/v1").code()).isEqualTo(200);
    assertThat(bob.get("/api/v1/namespaces/a/secrets").code()).isEqualTo(200);
    assertThat(bob.get("/api/v1/namespaces/b/secrets").code()).isEqualTo(403);
    assertThat(bob.get("/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings").code())
        .isEqualTo(403);
  }

  @Test
  void wrongTokenAndForeignCertificateAreUnauthorized() throws Exception {
    assertThat(AuthHttp.withToken(server, "not-a-token").get("/api/v1/pods").code()).isEqualTo(401);
    assertThat(AuthHttp.withToken(server, "not-a-token").get("/healthz").code()).isEqualTo(401);
    AuthHttp foreign =
        AuthHttp.withCertificate(
            server, AuthHttp.foreignCertificate("root", List.of("system:masters")));
    assertThat(foreign.get("/api/v1/pods").code()).isEqualTo(401);
  }

  @Test
  void tokenFileUsersCarryTheirGroups() throws Exception {
    AuthHttp alice = AuthHttp.withToken(server, "s3cr3t-alice-token");
    AuthHttp.Answer who =
        alice.send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}");
    assertThat(who.code()).isEqualTo(201);
    assertThat(who.text("/status/userInfo/username")).isEqualTo("alice");
    assertThat(who.text("/status/userInfo/uid")).isEqualTo("uid-alice");
    assertThat(who.json().at("/status/userInfo/groups").toString())
        .isEqualTo("[\"devs\",\"qa\",\"system:authenticated\"]");
    assertThat(alice.get("/api/v1/namespaces/a/pods").code()).isEqualTo(403);
  }

  @Test
  void selfSubjectAccessReviewAnswersForTheCaller() throws Exception {
    String review =
        "{'apiVersion':'authorization.k8s.io/v1','kind':'SelfSubjectAccessReview',"
            + "'spec':{'resourceAttributes':{'namespace':'%s','verb':'create','resource':'deployments','group':'apps'}}}";
    AuthHttp.Answer yes =
        bob.send(
            "POST",
            "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            review.formatted("a"));
    assertThat(yes.code()).isEqualTo(201);
    assertThat(yes.json().at("/status/allowed").asBoolean()).isTrue();
    AuthHttp.Answer no =
        bob.send(
            "POST",
            "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            review.formatted("b"));
    assertThat(no.json().at("/status/allowed").asBoolean()).isFalse();
    AuthHttp.Answer sar =
        bob.send(
            "POST",
            "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            "{'spec':{'user':'bob','resourceAttributes':{'namespace':'a','verb':'get','resource':'pods'}}}");
    assertThat(sar.code()).as(sar.body()).isEqualTo(403);
    AuthHttp.Answer rules =
        bob.send(
            "POST",
            "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
            "{'spec':{'namespace':'a'}}");
    assertThat(rules.code()).isEqualTo(201);
    assertThat(rules.json().at("/status/resourceRules").toString()).contains("deployments");
  }

  @Test
  void serviceAccountTokensAreBoundToTheAccountAndPod() throws Exception {
    admin.send("POST", "/api/v1/namespaces/a/serviceaccounts", "{'metadata':{'name':'robot'}}");
    admin.send(
        "POST",
        "/api/v1/namespaces/a/pods",
        "{'metadata':{'name':'p1'},'spec':{'containers':[{'name':'c','image':'busybox'}]}}");
    String podUid = admin.get("/api/v1/namespaces/a/pods/p1").text("/metadata/uid");
    AuthHttp.Answer tr =
        admin.send(
            "POST",
            "/api/v1/namespaces/a/serviceaccounts/robot/token",
            "{'apiVersion':'authentication.k8s.io/v1','kind':'TokenRequest','spec':{"
                + "'expirationSeconds':600,'boundObjectRef':{'kind':'Pod','apiVersion':'v1','name':'p1'}}}");
    assertThat(tr.code()).as(tr.body()).isEqualTo(201);
    assertThat(tr.text("/spec/boundObjectRef/uid")).isEqualTo(podUid);
    String token = tr.text("/status/token");
    AuthHttp robot = AuthHttp.withToken(server, token);
    AuthHttp.Answer who =
        robot.send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "{}");
    assertThat(who.text("/status/userInfo/username")).isEqualTo("system:serviceaccount:a:robot");
    assertThat(who.json().at("/status/userInfo/groups").toString())
        .contains("system:serviceaccounts:a");
    assertThat(who.json().at("/status/userInfo/extra").toString()).contains("p1");
    AuthHttp.Answer tooShort =
        admin.send(
            "POST",
            "/api/v1/namespaces/a/serviceaccounts/robot/token",
            "{'spec':{'expirationSeconds':60}}");
    assertThat(tooShort.code()).isEqualTo(422);
    assertThat(admin.send("POST", "/api/v1/namespaces/a/serviceaccounts/ghost/token", "{}").code())
        .isEqualTo(404);
    // the bound pod goes: the token stops working
    admin.send("DELETE", "/api/v1/namespaces/a/pods/p1?gracePeriodSeconds=0", null);
    Poll.await(
        "the pod is gone",
        Duration.ofSeconds(10),
        () -> admin.get("/api/v1/namespaces/a/pods/p1").code() == 404);
    assertThat(robot.get("/api").code()).isEqualTo(401);
    // an unbound token lives as long as its account
    String unbound =
        admin
            .send("POST", "/api/v1/namespaces/a/serviceaccounts/robot/token", "{}")
            .text("/status/token");
    assertThat(AuthHttp.withToken(server, unbound).get("/api").code()).isEqualTo(200);
    admin.send("DELETE", "/api/v1/namespaces/a/serviceaccounts/robot", null);
    assertThat(AuthHttp.withToken(server, unbound).get("/api").code()).isEqualTo(401);
  }
}

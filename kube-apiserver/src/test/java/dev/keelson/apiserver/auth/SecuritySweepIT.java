package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.Poll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every resource the server serves (as discovery lists them), every verb on its collection, all
 * namespaces, objects and subresources: without credentials, with a wrong token and with a
 * certificate of another CA each answers 401; a user bound to namespace {@code a} only gets 403
 * everywhere else. Afterwards every stored object is as it was, and no token was logged.
 */
class SecuritySweepIT {
  static ApiServer server;
  static AuthHttp admin;

  /** Creates, answered about the caller and stored nowhere: every authenticated user may. */
  static final Set<String> SELF_REVIEWS =
      Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews");

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    admin =
        AuthHttp.withCertificate(
            server,
            server
                .certificateAuthority()
                .issueClient("root", List.of("system:masters"), Duration.ofHours(1)));
    for (String ns : List.of("a", "b")) {
      ok(admin.send("POST", "/api/v1/namespaces", "{'metadata':{'name':'" + ns + "'}}"));
    }
    ok(
        admin.send(
            "POST",
            "/api/v1/namespaces/b/configmaps",
            "{'metadata':{'name':'target'},'data':{'k':'v'}}"));
    ok(
        admin.send(
            "POST",
            "/api/v1/namespaces/b/secrets",
            "{'metadata':{'name':'target'},'stringData':{'k':'v'}}"));
    ok(
        admin.send(
            "POST", "/api/v1/namespaces/b/serviceaccounts", "{'metadata':{'name':'target'}}"));
    ok(
        admin.send(
            "POST",
            "/api/v1/namespaces/b/pods",
            "{'metadata':{'name':'target'},'spec':{'containers':[{'name':'c','image':'busybox'}]}}"));
    ok(
        admin.send(
            "POST",
            "/apis/apps/v1/namespaces/b/deployments",
            "{'metadata':{'name':'target'},'spec':{'selector':{'matchLabels':{'app':'t'}},'template':"
                + "{'metadata':{'labels':{'app':'t'}},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}"));
    ok(
        admin.send(
            "POST",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings",
            "{'metadata':{'name':'bob-admin'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io',"
                + "'kind':'ClusterRole','name':'admin'},'subjects':[{'kind':'User',"
                + "'apiGroup':'rbac.authorization.k8s.io','name':'bob'}]}"));
  }

  private static void ok(AuthHttp.Answer a) {
    assertThat(a.code()).as(a.body()).isBetween(200, 201);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** One request of the sweep. */
  record Probe(String method, String path, String body) {}

  /** Every request on every resource outside namespace {@code a}. */
  static List<Probe> probes() {
    List<Probe> out = new ArrayList<>();
    for (ResourceType t : server.registry().all()) {
      String base = t.group().isEmpty() ? "/api/v1" : "/apis/" + t.group() + "/" + t.version();
      String body =
          "{'apiVersion':'"
              + t.apiVersion()
              + "','kind':'"
              + t.kind()
              + "','metadata':{'name':'target'"
              + (t.namespaced() ? ",'namespace':'b'" : "")
              + "}}";
      List<String> collections = new ArrayList<>();
      collections.add(base + "/" + t.plural());
      if (t.namespaced()) {
        collections.add(base + "/namespaces/b/" + t.plural());
      }
      String object =
          (t.namespaced() ? base + "/namespaces/b/" : base + "/") + t.plural() + "/target";
      for (String c : collections) {
        out.add(new Probe("GET", c, null));
        out.add(new Probe("GET", c + "?watch=true&timeoutSeconds=1", null));
        out.add(new Probe("GET", c + "?fieldSelector=metadata.name%3Dtarget", null));
        out.add(new Probe("POST", c, body));
        out.add(new Probe("DELETE", c, null));
      }
      out.add(new Probe("GET", object, null));
      out.add(new Probe("PUT", object, body));
      out.add(new Probe("PATCH", object, "{'metadata':{'labels':{'pwned':'yes'}}}"));
      out.add(new Probe("DELETE", object, null));
      for (Subresource s : t.subresources()) {
        out.add(new Probe("GET", object + "/" + s.name(), null));
        out.add(new Probe("POST", object + "/" + s.name(), body));
        out.add(new Probe("PUT", object + "/" + s.name(), body));
        out.add(
            new Probe("PATCH", object + "/" + s.name(), "{'metadata':{'labels':{'pwned':'yes'}}}"));
      }
    }
    return out;
  }

  /** Every stored object (by resource, namespace and name) with its resource version. */
  static Map<String, String> snapshot() throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (ResourceType t : server.registry().all()) {
      if (!t.verbs().contains("list")) {
        continue;
      }
      String base = t.group().isEmpty() ? "/api/v1" : "/apis/" + t.group() + "/" + t.version();
      AuthHttp.Answer a = admin.get(base + "/" + t.plural());
      assertThat(a.code()).as(t.plural()).isEqualTo(200);
      for (JsonNode item : a.json().path("items")) {
        out.put(
            t.plural()
                + " "
                + item.at("/metadata/namespace").asText()
                + "/"
                + item.at("/metadata/name").asText(),
            item.at("/metadata/resourceVersion").asText());
      }
    }
    return out;
  }

  @Test
  void nothingOutsideTheGrantIsReadOrChanged() throws Exception {
    String wrongToken = "wrong-token-0123456789";
    // a real token of a service account, to show that neither reaches the log
    ok(admin.send("POST", "/api/v1/namespaces/a/serviceaccounts", "{'metadata':{'name':'robot'}}"));
    String saToken =
        admin
            .send("POST", "/api/v1/namespaces/a/serviceaccounts/robot/token", "{}")
            .text("/status/token");
    Map<String, AuthHttp> strangers =
        Map.of(
            "no credentials", AuthHttp.anonymous(server),
            "wrong token", AuthHttp.withToken(server, wrongToken),
            "forged JWT",
                AuthHttp.withToken(server, saToken.substring(0, saToken.length() - 4) + "AAAA"),
            "foreign certificate",
                AuthHttp.withCertificate(
                    server, AuthHttp.foreignCertificate("root", List.of("system:masters"))));
    AuthHttp bob =
        AuthHttp.withCertificate(
            server,
            server.certificateAuthority().issueClient("bob", List.of(), Duration.ofHours(1)));
    Poll.await(
        "bob's binding is in force",
        Duration.ofSeconds(10),
        () -> bob.get("/api/v1/namespaces/a/pods").code() == 200);
    Map<String, String> before = snapshot();
    List<Probe> probes = probes();
    assertThat(probes).hasSizeGreaterThan(400);
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try {
      for (Probe p : probes) {
        for (Map.Entry<String, AuthHttp> s : strangers.entrySet()) {
          AuthHttp.Answer a = s.getValue().send(p.method(), p.path(), p.body());
          checked++;
          if (a.code() != 401 || !a.text("/reason").equals("Unauthorized")) {
            wrong.add(s.getKey() + ": " + p.method() + " " + p.path() + " -> " + a.code());
          }
        }
        String resource = resourceOf(p.path());
        AuthHttp.Answer a = bob.send(p.method(), p.path(), p.body());
        checked++;
        boolean selfReview =
            SELF_REVIEWS.contains(resource)
                && p.method().equals("POST")
                && !p.path().endsWith("/target");
        if (!selfReview && (a.code() != 403 || !a.text("/reason").equals("Forbidden"))) {
          wrong.add("bob: " + p.method() + " " + p.path() + " -> " + a.code());
        }
      }
      for (String discovery : List.of("/api", "/apis", "/api/v1", "/apis/apps/v1", "/openapi/v3")) {
        for (Map.Entry<String, AuthHttp> s : strangers.entrySet()) {
          if (s.getValue().get(discovery).code() != 401) {
            wrong.add(s.getKey() + ": GET " + discovery);
          }
        }
        assertThat(bob.get(discovery).code()).as("bob reads discovery " + discovery).isEqualTo(200);
      }
    } finally {
      System.setErr(err);
    }
    assertThat(wrong).as("requests answered other than refused (of %d)", checked).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
    // and what bob may do, he can: in namespace a
    assertThat(bob.get("/api/v1/namespaces/a/secrets").code()).isEqualTo(200);
    assertThat(bob.get("/api/v1/namespaces/a/pods?watch=true&timeoutSeconds=1").code())
        .isEqualTo(200);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).doesNotContain(wrongToken).doesNotContain(saToken);
  }

  /** The resource segment of an API path (the segment after the version or namespace). */
  static String resourceOf(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String[] s = p.split("/");
    int i = s[1].equals("api") ? 3 : 4;
    if (s.length > i + 1 && s[i].equals("namespaces")) {
      i += 2;
    }
    return i < s.length ? s[i] : "";
  }
}

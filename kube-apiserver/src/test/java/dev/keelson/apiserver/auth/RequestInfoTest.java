package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.auth.authz.RequestInfo;
import dev.keelson.apiserver.http.Request;
import org.junit.jupiter.api.Test;

/** Request attributes are derived as Kubernetes' RequestInfoFactory derives them. */
class RequestInfoTest {
  private static RequestInfo info(String method, String uri) {
    int q = uri.indexOf('?');
    return RequestInfo.of(
        method,
        q < 0 ? uri : uri.substring(0, q),
        Request.parseQuery(q < 0 ? "" : uri.substring(q + 1)));
  }

  private static String describe(RequestInfo r) {
    return r.verb()
        + " "
        + r.apiGroup()
        + "/"
        + r.apiVersion()
        + " ns="
        + r.namespace()
        + " "
        + r.resource()
        + (r.subresource().isEmpty() ? "" : "/" + r.subresource())
        + " name="
        + r.name();
  }

  @Test
  void verbsFollowMethodNameAndQuery() {
    assertThat(describe(info("GET", "/api/v1/namespaces/a/pods")))
        .isEqualTo("list /v1 ns=a pods name=");
    assertThat(describe(info("GET", "/api/v1/namespaces/a/pods?watch=true")))
        .isEqualTo("watch /v1 ns=a pods name=");
    assertThat(
            describe(
                info("GET", "/api/v1/namespaces/a/pods?watch=1&fieldSelector=metadata.name%3Dweb")))
        .isEqualTo("watch /v1 ns=a pods name=web");
    assertThat(describe(info("GET", "/api/v1/namespaces/a/pods/web")))
        .isEqualTo("get /v1 ns=a pods name=web");
    assertThat(describe(info("HEAD", "/api/v1/pods"))).isEqualTo("list /v1 ns= pods name=");
    assertThat(describe(info("POST", "/apis/apps/v1/namespaces/a/deployments")))
        .isEqualTo("create apps/v1 ns=a deployments name=");
    assertThat(describe(info("PUT", "/apis/apps/v1/namespaces/a/deployments/d/scale")))
        .isEqualTo("update apps/v1 ns=a deployments/scale name=d");
    assertThat(describe(info("PATCH", "/apis/apps/v1/namespaces/a/deployments/d/status")))
        .isEqualTo("patch apps/v1 ns=a deployments/status name=d");
    assertThat(describe(info("DELETE", "/api/v1/namespaces/a/pods/web")))
        .isEqualTo("delete /v1 ns=a pods name=web");
    assertThat(describe(info("DELETE", "/api/v1/namespaces/a/pods")))
        .isEqualTo("deletecollection /v1 ns=a pods name=");
  }

  @Test
  void subresourcesAndNamespaces() {
    assertThat(describe(info("GET", "/api/v1/namespaces/a/pods/web/log")))
        .isEqualTo("get /v1 ns=a pods/log name=web");
    assertThat(describe(info("POST", "/api/v1/namespaces/a/pods/web/exec")))
        .isEqualTo("create /v1 ns=a pods/exec name=web");
    assertThat(describe(info("GET", "/api/v1/namespaces/a")))
        .isEqualTo("get /v1 ns=a namespaces name=a");
    assertThat(describe(info("PUT", "/api/v1/namespaces/a/finalize")))
        .isEqualTo("update /v1 ns=a namespaces/finalize name=a");
    assertThat(describe(info("GET", "/api/v1/namespaces")))
        .isEqualTo("list /v1 ns= namespaces name=");
    assertThat(describe(info("GET", "/api/v1/nodes/n1/proxy/stats")))
        .isEqualTo("get /v1 ns= nodes/proxy name=n1");
    assertThat(describe(info("GET", "/api/v1/watch/namespaces/a/pods")))
        .isEqualTo("watch /v1 ns=a pods name=");
  }

  @Test
  void discoveryAndOtherPathsAreNonResourceRequests() {
    for (String p :
        new String[] {
          "/api",
          "/api/v1",
          "/apis",
          "/apis/apps",
          "/apis/apps/v1",
          "/healthz",
          "/version",
          "/openapi/v3/api/v1",
          "/metrics"
        }) {
      RequestInfo r = info("GET", p);
      assertThat(r.resourceRequest()).as(p).isFalse();
      assertThat(r.verb()).isEqualTo("get");
      assertThat(r.path()).isEqualTo(p);
    }
    assertThat(info("POST", "/healthz").verb()).isEqualTo("post");
  }
}

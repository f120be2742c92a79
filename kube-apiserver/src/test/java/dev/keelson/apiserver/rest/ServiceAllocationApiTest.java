package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.ServiceRanges;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service cluster IPs and node ports over HTTP, on a small range (10.0.0.0/29: addresses .1 to .6,
 * .1 for {@code kubernetes}; node ports 30000-30004).
 */
class ServiceAllocationApiTest {
  private static final String SERVICES = "/api/v1/namespaces/default/services";
  private static final ServiceRanges SMALL = new ServiceRanges("10.0.0.0/29", "30000-30004");

  private ApiServer server;
  private HttpApi api;

  @BeforeEach
  void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain().withServiceRanges(SMALL));
    api = new HttpApi(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String svc(String name, String spec) {
    return "{'apiVersion':'v1','kind':'Service','metadata':{'name':'"
        + name
        + "'},'spec':{'selector':{'app':'a'},"
        + spec
        + "}}";
  }

  static String port(int port) {
    return "'ports':[{'port':" + port + "}]";
  }

  @Test
  void theKubernetesServiceHoldsTheFirstAddress() throws Exception {
    Answer k = api.get(SERVICES + "/kubernetes");
    assertThat(k.code()).isEqualTo(200);
    assertThat(k.text("/spec/clusterIP")).isEqualTo("10.0.0.1");
    assertThat(k.json().at("/spec/clusterIPs").toString()).isEqualTo("[\"10.0.0.1\"]");
    assertThat(k.text("/spec/ports/0/name")).isEqualTo("https");
    assertThat(k.json().at("/spec/ports/0/port").asInt()).isEqualTo(443);
    assertThat(k.json().at("/spec/ports/0/targetPort").asInt()).isEqualTo(server.port());
    assertThat(k.text("/metadata/labels/component")).isEqualTo("apiserver");
    Answer again = api.post(SERVICES, svc("x", "'clusterIP':'10.0.0.1'," + port(80)));
    assertThat(again.code()).isEqualTo(422);
  }

  @Test
  void aClusterIpServiceGetsAnAddressAndTheFamilyFields() throws Exception {
    Answer a = api.post(SERVICES, svc("a", port(80)));
    assertThat(a.code()).isEqualTo(201);
    String ip = a.text("/spec/clusterIP");
    assertThat(ip).matches("10\\.0\\.0\\.[2-6]");
    assertThat(a.json().at("/spec/clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
    assertThat(a.json().at("/spec/ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
    assertThat(a.text("/spec/ipFamilyPolicy")).isEqualTo("SingleStack");
    assertThat(api.get(SERVICES + "/a").text("/spec/clusterIP")).isEqualTo(ip);
  }

  @Test
  void headlessAndExternalNameServicesGetNoAddress() throws Exception {
    Answer h = api.post(SERVICES, svc("h", "'clusterIP':'None'," + port(80)));
    assertThat(h.code()).isEqualTo(201);
    assertThat(h.text("/spec/clusterIP")).isEqualTo("None");
    assertThat(h.json().at("/spec/clusterIPs").toString()).isEqualTo("[\"None\"]");
    assertThat(h.text("/spec/ipFamilyPolicy")).isEqualTo("SingleStack");
    Answer selectorless =
        api.post(
            SERVICES,
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'hs'},'spec':{'clusterIP':'None'}}");
    assertThat(selectorless.code()).isEqualTo(201);
    assertThat(selectorless.text("/spec/ipFamilyPolicy")).isEqualTo("RequireDualStack");
    assertThat(selectorless.json().at("/spec/ipFamilies").toString())
        .isEqualTo("[\"IPv4\",\"IPv6\"]");
    Answer e =
        api.post(SERVICES, svc("e", "'type':'ExternalName','externalName':'db.example.com'"));
    assertThat(e.code()).isEqualTo(201);
    assertThat(e.json().at("/spec/clusterIP").isMissingNode()).isTrue();
    assertThat(e.json().at("/spec/ipFamilies").isMissingNode()).isTrue();
    // none of them used an address: five remain for ordinary services
    for (int i = 0; i < 5; i++) {
      assertThat(api.post(SERVICES, svc("s" + i, port(80))).code()).isEqualTo(201);
    }
  }

  @Test
  void aRequestedAddressIsHonouredOnceAndMustBeInTheRange() throws Exception {
    Answer a = api.post(SERVICES, svc("a", "'clusterIP':'10.0.0.5'," + port(80)));
    assertThat(a.code()).isEqualTo(201);
    assertThat(a.text("/spec/clusterIP")).isEqualTo("10.0.0.5");

    Answer taken = api.post(SERVICES, svc("b", "'clusterIP':'10.0.0.5'," + port(80)));
    assertThat(taken.code()).isEqualTo(422);
    assertThat(taken.text("/reason")).isEqualTo("Invalid");
    assertThat(taken.text("/details/causes/0/field")).isEqualTo("spec.clusterIPs");
    assertThat(taken.text("/message"))
        .isEqualTo(
            "Service \"b\" is invalid: spec.clusterIPs: Invalid value: [\"10.0.0.5\"]: failed to"
                + " allocate IP 10.0.0.5: provided IP is already allocated");

    Answer outside = api.post(SERVICES, svc("b", "'clusterIP':'10.9.0.5'," + port(80)));
    assertThat(outside.code()).isEqualTo(422);
    assertThat(outside.text("/details/causes/0/message"))
        .endsWith(
            "failed to allocate IP 10.9.0.5: provided IP is not in the valid range. The range of"
                + " valid IPs is 10.0.0.0/29");
    Answer broadcast = api.post(SERVICES, svc("b", "'clusterIP':'10.0.0.7'," + port(80)));
    assertThat(broadcast.code()).isEqualTo(422);
    Answer garbage = api.post(SERVICES, svc("b", "'clusterIP':'10.0.0.x'," + port(80)));
    assertThat(garbage.code()).isEqualTo(422);
    assertThat(garbage.text("/details/causes/0/field")).isEqualTo("spec.clusterIPs[0]");
    assertThat(api.get(SERVICES + "/b").code()).isEqualTo(404);
  }

  @Test
  void aFullRangeAnswersKubernetesError() throws Exception {
    Set<String> ips = new HashSet<>(Set.of("10.0.0.1"));
    for (int i = 0; i < 5; i++) {
      Answer a = api.post(SERVICES, svc("s" + i, port(80)));
      assertThat(a.code()).isEqualTo(201);
      assertThat(ips.add(a.text("/spec/clusterIP"))).isTrue();
    }
    Answer full = api.post(SERVICES, svc("s5", port(80)));
    assertThat(full.code()).isEqualTo(500);
    assertThat(full.text("/reason")).isEqualTo("InternalError");
    assertThat(full.text("/message"))
        .isEqualTo("Internal error occurred: failed to allocate a serviceIP: range is full");
    assertThat(api.get(SERVICES + "/s5").code()).isEqualTo(404);

    // a dry run shows what would happen without allocating
    assertThat(api.delete(SERVICES + "/s0").code()).isEqualTo(200);
    Answer dry = api.post(SERVICES + "?dryRun=All", svc("d", port(80)));
    assertThat(dry.code()).isEqualTo(200);
    assertThat(dry.text("/spec/clusterIP")).matches("10\\.0\\.0\\.[2-6]");
    assertThat(api.post(SERVICES, svc("s5", port(80))).code()).isEqualTo(201);
  }

  @Test
  void deletingAServiceReleasesItsAddressAndPorts() throws Exception {
    Answer a =
        api.post(
            SERVICES,
            svc(
                "a",
                "'type':'NodePort','clusterIP':'10.0.0.3','ports':[{'port':80,'nodePort':30001}]"));
    assertThat(a.code()).isEqualTo(201);
    assertThat(api.post(SERVICES, svc("b", "'clusterIP':'10.0.0.3'," + port(80))).code())
        .isEqualTo(422);
    assertThat(api.delete(SERVICES + "/a").code()).isEqualTo(200);
    Answer b =
        api.post(
            SERVICES,
            svc(
                "b",
                "'type':'NodePort','clusterIP':'10.0.0.3','ports':[{'port':80,'nodePort':30001}]"));
    assertThat(b.code()).isEqualTo(201);
  }

  @Test
  void nodePortsAreAllocatedHonouredAndChecked() throws Exception {
    Answer a =
        api.post(
            SERVICES,
            svc(
                "a",
                "'type':'NodePort','ports':[{'name':'web','port':80},{'name':'api','port':81,'nodePort':30002},"
                    + "{'name':'dns','port':53,'protocol':'UDP'},{'name':'dnstcp','port':53,'protocol':'TCP'}]"));
    assertThat(a.code()).isEqualTo(201);
    JsonNode ports = a.json().at("/spec/ports");
    int web = ports.get(0).path("nodePort").asInt();
    assertThat(web).isBetween(30000, 30004).isNotEqualTo(30002);
    assertThat(ports.get(1).path("nodePort").asInt()).isEqualTo(30002);
    // the same service port number shares one node port, as Kubernetes
    assertThat(ports.get(2).path("nodePort").asInt())
        .isEqualTo(ports.get(3).path("nodePort").asInt());

    Answer taken =
        api.post(SERVICES, svc("b", "'type':'NodePort','ports':[{'port':80,'nodePort':30002}]"));
    assertThat(taken.code()).isEqualTo(422);
    assertThat(taken.text("/message"))
        .isEqualTo(
            "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30002: provided port"
                + " is already allocated");
    Answer outside =
        api.post(SERVICES, svc("b", "'type':'NodePort','ports':[{'port':80,'nodePort':31000}]"));
    assertThat(outside.text("/details/causes/0/message"))
        .isEqualTo(
            "Invalid value: 31000: provided port is not in the valid range. The range of valid"
                + " ports is 30000-30004");

    Answer lb = api.post(SERVICES, svc("lb", "'type':'LoadBalancer'," + port(80)));
    assertThat(lb.code()).isEqualTo(201);
    assertThat(lb.json().at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 30004);
    // 3 of 5 ports are taken; a service with 3 more ports finds the range full
    Answer full =
        api.post(
            SERVICES,
            svc(
                "full",
                "'type':'NodePort','ports':[{'name':'a','port':1},{'name':'b','port':2},{'name':'c','port':3}]"));
    assertThat(full.code()).isEqualTo(500);
    assertThat(full.text("/message"))
        .isEqualTo("Internal error occurred: failed to allocate a nodePort: range is full");
    // the failed create allocated nothing: the one port left is still free
    assertThat(api.post(SERVICES, svc("one", "'type':'NodePort'," + port(1))).code())
        .isEqualTo(201);
    assertThat(api.post(SERVICES, svc("none", "'type':'NodePort'," + port(1))).code())
        .isEqualTo(500);
  }

  @Test
  void typeChangesReleaseAndAllocate() throws Exception {
    Answer a =
        api.post(SERVICES, svc("a", "'type':'NodePort','ports':[{'port':80,'nodePort':30003}]"));
    String ip = a.text("/spec/clusterIP");
    // NodePort -> ClusterIP drops and releases the node port (unchanged in the request)
    String body = a.json().toString().replace("\"NodePort\"", "\"ClusterIP\"");
    Answer c = api.send("PUT", SERVICES + "/a", "application/json", body, java.util.Map.of());
    assertThat(c.code()).isEqualTo(200);
    assertThat(c.json().at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    assertThat(c.text("/spec/clusterIP")).isEqualTo(ip);
    assertThat(
            api.post(SERVICES, svc("b", "'type':'NodePort','ports':[{'port':80,'nodePort':30003}]"))
                .code())
        .isEqualTo(201);

    // ClusterIP -> ExternalName releases the address
    Answer e =
        api.send(
            "PATCH",
            SERVICES + "/a",
            "application/merge-patch+json",
            "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"x.example.com\"}}",
            java.util.Map.of());
    assertThat(e.code()).isEqualTo(200);
    assertThat(e.json().at("/spec/clusterIP").isMissingNode()).isTrue();
    assertThat(api.post(SERVICES, svc("c", "'clusterIP':'" + ip + "'," + port(80))).code())
        .isEqualTo(201);

    // ExternalName -> ClusterIP allocates again
    Answer back =
        api.send(
            "PATCH",
            SERVICES + "/a",
            "application/merge-patch+json",
            "{\"spec\":{\"type\":\"ClusterIP\",\"externalName\":null,"
                + "\"ports\":[{\"port\":80}]}}",
            java.util.Map.of());
    assertThat(back.code()).isEqualTo(200);
    assertThat(back.text("/spec/clusterIP")).matches("10\\.0\\.0\\.[2-6]").isNotEqualTo(ip);
  }

  @Test
  void theClusterIpIsImmutableAndKeptWhenAnUpdateLeavesItOut() throws Exception {
    Answer a = api.post(SERVICES, svc("a", port(80)));
    String ip = a.text("/spec/clusterIP");
    String rv = a.text("/metadata/resourceVersion");
    // kubectl replace of the original manifest: no clusterIP, the allocated one stays
    String manifest =
        svc("a", "'ports':[{'port':8080}]")
            .replace("'name':'a'", "'name':'a','resourceVersion':'" + rv + "'");
    Answer kept = api.put(SERVICES + "/a", manifest);
    assertThat(kept.code()).isEqualTo(200);
    assertThat(kept.text("/spec/clusterIP")).isEqualTo(ip);

    String other = ip.equals("10.0.0.6") ? "10.0.0.5" : "10.0.0.6";
    Answer changed = api.put(SERVICES + "/a", svc("a", "'clusterIP':'" + other + "'," + port(80)));
    assertThat(changed.code()).isEqualTo(422);
    assertThat(changed.text("/details/causes/0/field")).isEqualTo("spec.clusterIPs[0]");
    assertThat(changed.text("/details/causes/0/message"))
        .isEqualTo("Invalid value: [\"" + other + "\"]: may not change once set");
    assertThat(api.get(SERVICES + "/a").text("/spec/clusterIP")).isEqualTo(ip);
    // the other address is still free
    assertThat(api.post(SERVICES, svc("b", "'clusterIP':'" + other + "'," + port(80))).code())
        .isEqualTo(201);
  }

  @Test
  void allocationsSurviveARestartOnTheSameFileStore(@TempDir Path dir) throws Exception {
    server.close();
    server = null;
    ApiServerConfig config =
        ApiServerConfig.loopback(0).plain().withServiceRanges(SMALL).withStoreUri("file:" + dir);
    List<String> ips = new ArrayList<>();
    try (ApiServer first = ApiServer.start(config)) {
      HttpApi one = new HttpApi(first);
      ips.add(
          one.post(SERVICES, svc("a", "'type':'NodePort','ports':[{'port':80,'nodePort':30004}]"))
              .text("/spec/clusterIP"));
      ips.add(one.post(SERVICES, svc("b", port(80))).text("/spec/clusterIP"));
      assertThat(one.delete(SERVICES + "/b").code()).isEqualTo(200);
    }
    server = ApiServer.start(config);
    api = new HttpApi(server);
    assertThat(api.get(SERVICES + "/kubernetes").text("/spec/clusterIP")).isEqualTo("10.0.0.1");
    Answer taken = api.post(SERVICES, svc("c", "'clusterIP':'" + ips.get(0) + "'," + port(80)));
    assertThat(taken.code()).isEqualTo(422);
    assertThat(taken.text("/details/causes/0/message"))
        .contains("provided IP is already allocated");
    Answer portTaken =
        api.post(SERVICES, svc("c", "'type':'NodePort','ports':[{'port':80,'nodePort':30004}]"));
    assertThat(portTaken.code()).isEqualTo(422);
    // b's address was released before the restart
    assertThat(api.post(SERVICES, svc("c", "'clusterIP':'" + ips.get(1) + "'," + port(80))).code())
        .isEqualTo(201);
    // four addresses are left to the dynamic allocator: .1, a and c hold three of six
    for (int i = 0; i < 3; i++) {
      Answer s = api.post(SERVICES, svc("s" + i, port(80)));
      assertThat(s.code()).isEqualTo(201);
      assertThat(s.text("/spec/clusterIP")).isNotIn(ips);
    }
    assertThat(api.post(SERVICES, svc("s3", port(80))).code()).isEqualTo(500);
  }
}

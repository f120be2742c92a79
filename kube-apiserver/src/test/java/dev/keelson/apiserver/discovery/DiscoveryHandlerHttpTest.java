package dev.keelson.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery over plain HTTP, decoded by fabric8's model (what fabric8 and the Java client use). */
class DiscoveryHandlerHttpTest {
  static final String AGGREGATED =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  /** fabric8 8 model classes carry Jackson 3 annotations; unknown fields fail the decoding. */
  static final tools.jackson.databind.ObjectMapper FABRIC8 =
      tools.jackson.databind.json.JsonMapper.builder()
          .addModules(
              new io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule(),
              new io.fabric8.kubernetes.model.jackson.UnmatchedFieldTypeModule(),
              new io.fabric8.kubernetes.model.jackson.GoCompatibilityModule())
          .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final ResourceRegistry registry = ResourceRegistry.builtins();
  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain().withRegistry(registry));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(String text) {
    return KubeJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void legacyDocumentsDecodeIntoFabric8WithoutUnknownFields() throws Exception {
    HttpResponse<String> api = get("/api", "application/json");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("content-type")).contains("application/json");
    APIVersions versions = FABRIC8.readValue(api.body(), APIVersions.class);
    assertThat(versions.getAdditionalProperties()).isEmpty();
    assertThat(versions.getVersions()).containsExactly("v1");
    assertThat(versions.getServerAddressByClientCIDRs().get(0).getServerAddress())
        .isEqualTo(server.url().getAuthority());

    APIGroupList groups = FABRIC8.readValue(get("/apis", null).body(), APIGroupList.class);
    assertThat(groups.getAdditionalProperties()).isEmpty();
    assertThat(groups.getGroups()).extracting(APIGroup::getName).startsWith("apps");
    for (APIGroup g : groups.getGroups()) {
      assertThat(g.getAdditionalProperties()).as(g.getName()).isEmpty();
      assertThat(g.getPreferredVersion().getAdditionalProperties()).isEmpty();
    }

    APIResourceList core = FABRIC8.readValue(get("/api/v1", null).body(), APIResourceList.class);
    assertThat(core.getGroupVersion()).isEqualTo("v1");
    assertThat(core.getAdditionalProperties()).isEmpty();
    for (APIResource r : core.getResources()) {
      assertThat(r.getAdditionalProperties()).as(r.getName()).isEmpty();
    }
    APIResource pods = find(core.getResources(), "pods");
    assertThat(pods.getNamespaced()).isTrue();
    assertThat(pods.getShortNames()).containsExactly("po");
    assertThat(find(core.getResources(), "nodes").getNamespaced()).isFalse();

    APIResourceList apps =
        FABRIC8.readValue(get("/apis/apps/v1", null).body(), APIResourceList.class);
    APIResource scale = find(apps.getResources(), "deployments/scale");
    assertThat(scale.getGroup()).isEqualTo("autoscaling");
    assertThat(scale.getVersion()).isEqualTo("v1");
    assertThat(scale.getKind()).isEqualTo("Scale");
    assertThat(find(apps.getResources(), "deployments").getShortNames()).containsExactly("deploy");
  }

  private static APIResource find(List<APIResource> resources, String name) {
    return resources.stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aggregatedDiscoveryAnswersWithItsOwnContentTypeAndETag() throws Exception {
    for (String path : List.of("/api", "/apis")) {
      HttpResponse<String> r = get(path, AGGREGATED + ",application/json");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).contains(AGGREGATED);
      JsonNode body = json(r.body());
      assertThat(body.get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
      assertThat(body.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
      String etag = r.headers().firstValue("etag").orElseThrow();
      HttpResponse<String> again =
          client.send(
              HttpRequest.newBuilder(server.url().resolve(path))
                  .header("Accept", AGGREGATED)
                  .header("If-None-Match", etag)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(304);
    }
    HttpResponse<String> beta =
        get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    assertThat(beta.headers().firstValue("content-type"))
        .contains("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    assertThat(json(beta.body()).get("apiVersion").asText())
        .isEqualTo("apidiscovery.k8s.io/v2beta1");
  }

  @Test
  void unknownGroupsVersionsAndResourcePathsAnswer404Status() throws Exception {
    for (String path :
        List.of(
            "/apis/nope.example.com/v1",
            "/apis/apps/v9",
            "/apis/nope",
            "/api/v2",
            "/api/v1/nothings")) {
      HttpResponse<String> r = get(path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      JsonNode status = json(r.body());
      assertThat(status.get("kind").asText()).isEqualTo("Status");
      assertThat(status.get("reason").asText()).isEqualTo("NotFound");
    }
  }

  @Test
  void aCustomResourceShowsInDiscoveryWhileRegistered() throws Exception {
    ResourceType gadget =
        ResourceType.of("gadgets.example.org", "v1alpha1", "Gadget", "gadgets", false)
            .withShortNames(List.of("gd"));
    registry.register(gadget);
    try {
      APIGroupList groups = FABRIC8.readValue(get("/apis", null).body(), APIGroupList.class);
      assertThat(groups.getGroups()).extracting(APIGroup::getName).contains("gadgets.example.org");
      APIResourceList list =
          FABRIC8.readValue(
              get("/apis/gadgets.example.org/v1alpha1", null).body(), APIResourceList.class);
      assertThat(find(list.getResources(), "gadgets").getNamespaced()).isFalse();
      assertThat(get("/apis", AGGREGATED).body()).contains("\"resource\":\"gadgets\"");
    } finally {
      registry.removeAll(new GroupResource("gadgets.example.org", "gadgets"));
    }
    assertThat(get("/apis", AGGREGATED).body()).doesNotContain("gadgets");
    assertThat(get("/apis/gadgets.example.org/v1alpha1", null).statusCode()).isEqualTo(404);
  }
}

package dev.keelson.apiserver.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protobuf request bodies over HTTP: built-in kinds are created and updated from them; a malformed
 * body is a 400 that stores nothing; a custom resource has no protobuf form (415).
 */
class ProtobufBodyTest {
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static ApiServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    ResourceRegistry registry = ResourceRegistry.builtins();
    registry.register(ResourceType.of("example.com", "v1", "Widget", "widgets", true));
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withoutAdmissionPlugins("ServiceAccount")
                .plain()
                .withRegistry(registry));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int code, JsonNode json) {}

  private static Answer send(String method, String path, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .header("Accept", "application/vnd.kubernetes.protobuf, application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return new Answer(r.statusCode(), KubeJson.parse(r.body()));
  }

  // --- a minimal protobuf writer (field numbers from Kubernetes' generated.proto)

  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, (number << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] field(int number, String value) {
    return field(number, value.getBytes(UTF_8));
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    return concat(
        new byte[] {'k', '8', 's', 0},
        field(1, concat(field(1, apiVersion), field(2, kind))),
        field(2, raw));
  }

  /** A ConfigMap: metadata (1) {name (1), resourceVersion (6)}, data (2) entries. */
  private static byte[] configMap(String name, String resourceVersion, String key, String value) {
    byte[] meta = field(1, name);
    if (resourceVersion != null) {
      meta = concat(meta, field(6, resourceVersion));
    }
    return envelope(
        "v1",
        "ConfigMap",
        concat(field(1, meta), field(2, concat(field(1, key), field(2, value)))));
  }

  @Test
  void createsAndUpdatesFromProtobuf() throws Exception {
    Answer created = send("POST", CONFIGMAPS, PROTOBUF, configMap("pb1", null, "color", "blue"));
    assertThat(created.code()).as(created.json().toString()).isEqualTo(201);
    assertThat(created.json().at("/data/color").asText()).isEqualTo("blue");
    String rv = created.json().at("/metadata/resourceVersion").asText();

    Answer updated =
        send("PUT", CONFIGMAPS + "/pb1", PROTOBUF, configMap("pb1", rv, "color", "green"));
    assertThat(updated.code()).as(updated.json().toString()).isEqualTo(200);
    assertThat(send("GET", CONFIGMAPS + "/pb1", null, null).json().at("/data/color").asText())
        .isEqualTo("green");

    Answer stale = send("PUT", CONFIGMAPS + "/pb1", PROTOBUF, configMap("pb1", rv, "c", "x"));
    assertThat(stale.code()).isEqualTo(409);
  }

  @Test
  void malformedProtobufIsABadRequestAndStoresNothing() throws Exception {
    byte[] good = configMap("broken", null, "k", "v");
    byte[] truncated = Arrays.copyOf(good, good.length - 4);
    Answer a = send("POST", CONFIGMAPS, PROTOBUF, truncated);
    assertThat(a.code()).isEqualTo(400);
    assertThat(a.json().at("/kind").asText()).isEqualTo("Status");
    assertThat(a.json().at("/reason").asText()).isEqualTo("BadRequest");
    assertThat(a.json().at("/message").asText()).contains("protobuf");

    Answer notProtobuf =
        send("POST", CONFIGMAPS, PROTOBUF, "{\"metadata\":{\"name\":\"broken\"}}".getBytes(UTF_8));
    assertThat(notProtobuf.code()).isEqualTo(400);
    assertThat(notProtobuf.json().at("/message").asText())
        .contains("does not appear to be a protobuf message");

    Answer wrongKind =
        send("POST", CONFIGMAPS, PROTOBUF, envelope("v1", "Secret", field(1, field(1, "broken"))));
    assertThat(wrongKind.code()).isEqualTo(400);

    assertThat(send("GET", CONFIGMAPS + "/broken", null, null).code()).isEqualTo(404);
  }

  @Test
  void customResourcesHaveNoProtobufForm() throws Exception {
    Answer a =
        send(
            "POST",
            "/apis/example.com/v1/namespaces/default/widgets",
            PROTOBUF,
            envelope("example.com/v1", "Widget", field(1, field(1, "w"))));
    assertThat(a.code()).isEqualTo(415);
    assertThat(a.json().at("/reason").asText()).isEqualTo("UnsupportedMediaType");
    assertThat(a.json().at("/message").asText()).doesNotContain(PROTOBUF);
  }

  @Test
  void deleteOptionsMayBeProtobuf() throws Exception {
    assertThat(send("POST", CONFIGMAPS, PROTOBUF, configMap("pb-del", null, "k", "v")).code())
        .isEqualTo(201);
    // DeleteOptions: preconditions (2) {uid (1)} naming another uid: the delete is refused
    byte[] options = envelope("meta.k8s.io/v1", "DeleteOptions", field(2, field(1, "not-the-uid")));
    Answer refused = send("DELETE", CONFIGMAPS + "/pb-del", PROTOBUF, options);
    assertThat(refused.code()).as(refused.json().toString()).isEqualTo(409);
    assertThat(send("DELETE", CONFIGMAPS + "/pb-del", null, null).code()).isEqualTo(200);
  }

  @Test
  void podBindingAndEvictionMayBeProtobuf() throws Exception {
    String pods = "/api/v1/namespaces/default/pods";
    String pod =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pb-pod\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
    assertThat(send("POST", pods, "application/json", pod.getBytes(UTF_8)).code()).isEqualTo(201);

    // Binding: metadata (1) {name (1)}, target (2) ObjectReference {kind (1), name (3)}
    byte[] binding =
        envelope(
            "v1",
            "Binding",
            concat(
                field(1, field(1, "pb-pod")),
                field(2, concat(field(1, "Node"), field(3, "node-1")))));
    Answer bound = send("POST", pods + "/pb-pod/binding", PROTOBUF, binding);
    assertThat(bound.code()).as(bound.json().toString()).isEqualTo(201);
    assertThat(send("GET", pods + "/pb-pod", null, null).json().at("/spec/nodeName").asText())
        .isEqualTo("node-1");

    // Eviction: metadata (1) {name (1)}, deleteOptions (2) {preconditions (2) {uid (1)}}
    byte[] wrongUid =
        envelope(
            "policy/v1",
            "Eviction",
            concat(field(1, field(1, "pb-pod")), field(2, field(2, field(1, "other-uid")))));
    Answer refused = send("POST", pods + "/pb-pod/eviction", PROTOBUF, wrongUid);
    assertThat(refused.code()).as(refused.json().toString()).isEqualTo(409);
    byte[] eviction = envelope("policy/v1", "Eviction", field(1, field(1, "pb-pod")));
    Answer evicted = send("POST", pods + "/pb-pod/eviction", PROTOBUF, eviction);
    assertThat(evicted.code()).as(evicted.json().toString()).isEqualTo(201);
  }
}

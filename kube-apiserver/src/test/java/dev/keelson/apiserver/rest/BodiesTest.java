package dev.keelson.apiserver.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupVersionResource;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JSON body of a built-in kind is decoded straight into its record ({@code Bodies.decodeJson});
 * whatever it decodes must equal what the tree path ({@code Bodies.decodeTree} of the parsed body)
 * gives, objects, warnings and errors alike.
 */
class BodiesTest {
  private static final ResourceRegistry REGISTRY = ResourceRegistry.builtins();

  private static ResourceType type(String group, String resource) {
    return REGISTRY.byGvr(new GroupVersionResource(group, "v1", resource)).orElseThrow();
  }

  private static Request post(String json, String contentType) {
    return new Request(
        "POST",
        "/api/v1/namespaces/default/configmaps",
        Map.of(),
        Map.of("content-type", List.of(contentType)),
        json.getBytes(StandardCharsets.UTF_8),
        "HTTP/1.1",
        null);
  }

  /** The tree path's answer for {@code json}: a body, or the exception it throws. */
  private static Object slow(String json, ResourceType type, FieldValidation v) {
    try {
      return Bodies.decodeTree(KubeJson.parse(json.getBytes(StandardCharsets.UTF_8)), type, v);
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static Object fast(String json, ResourceType type, FieldValidation v) {
    try {
      return Bodies.decodeObject(post(json, "application/json"), type, v);
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static void assertSame(String json, ResourceType type) {
    for (FieldValidation v : FieldValidation.values()) {
      Object slow = slow(json, type, v);
      Object fast = fast(json, type, v);
      if (slow instanceof Bodies.Body s) {
        assertThat(fast).as("%s under %s", json, v).isInstanceOf(Bodies.Body.class);
        Bodies.Body f = (Bodies.Body) fast;
        assertThat(f.object()).as("%s under %s", json, v).isEqualTo(s.object());
        assertThat(f.warnings()).as("%s under %s", json, v).isEqualTo(s.warnings());
      } else {
        assertThat(fast).as("%s under %s", json, v).isInstanceOf(slow.getClass());
        assertThat(((Throwable) fast).getMessage()).isEqualTo(((Throwable) slow).getMessage());
      }
    }
  }

  @Test
  void decodesAsTheTreePathDoes() {
    ResourceType cm = type("", "configmaps");
    ResourceType pod = type("", "pods");
    ResourceType deploy = type("apps", "deployments");
    for (String json :
        List.of(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\","
                + "\"labels\":{\"x\":\"y\"}},\"data\":{\"k\":\"v\",\"k2\":\"\"}}",
            "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}",
            "{\"metadata\":{\"name\":\"a\",\"bogus\":1},\"data\":{\"k\":\"v\"},\"extra\":{\"a\":[1]}}",
            "{\"metadata\":{\"name\":\"a\"},\"data\":null}",
            "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":1}}",
            "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\",\"k\":\"w\"}}",
            "{\"apiVersion\":\"v2\",\"metadata\":{\"name\":\"a\"}}",
            "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"}}",
            "{\"apiVersion\":5,\"metadata\":{\"name\":\"a\"}}",
            "{\"metadata\":\"a\"}",
            "[1,2]",
            "{\"metadata\":{\"name\":\"a\"}} trailing")) {
      assertSame(json, cm);
    }
    assertSame(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":"
            + "{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"unknown\":true,"
            + "\"resources\":{\"limits\":{\"cpu\":0.5,\"memory\":\"1Gi\"}}}]}}",
        pod);
    assertSame(
        "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":\"3\",\"selector\":{}}}", deploy);
    assertSame(
        "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":3.0,\"selector\":{}}}", deploy);
  }

  @Test
  void onePassDecodingTakesPlainBodiesAndLeavesTheRestToTheTreePath() {
    ResourceType cm = type("", "configmaps");
    byte[] plain = "{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}".getBytes(UTF_8);
    byte[] duplicate = "{\"metadata\":{\"name\":\"a\",\"name\":\"b\"}}".getBytes(UTF_8);
    byte[] unknown = "{\"metadata\":{\"name\":\"a\"},\"x\":1}".getBytes(UTF_8);
    assertThat(Bodies.decodeJson(plain, cm, FieldValidation.STRICT)).isNotNull();
    assertThat(Bodies.decodeJson(unknown, cm, FieldValidation.WARN).warnings())
        .containsExactly("unknown field \"x\"");
    assertThat(Bodies.decodeJson(duplicate, cm, FieldValidation.IGNORE)).isNull();
    assertThat(Bodies.decodeJson(unknown, cm, FieldValidation.STRICT)).isNull();
  }

  @Test
  void malformedJsonFailsAsOnTheTreePath() {
    assertSame("{\"metadata\":", type("", "configmaps"));
  }
}

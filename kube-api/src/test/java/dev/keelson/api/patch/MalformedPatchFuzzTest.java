package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ApiException;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random, mostly malformed patches: each either applies or fails with a typed API
 * error (400, 413 or 422) carrying a message; never a NullPointerException, ClassCastException or
 * other stray exception, and never a change to the inputs.
 */
class MalformedPatchFuzzTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYS =
      List.of(
          "metadata",
          "spec",
          "status",
          "containers",
          "name",
          "image",
          "env",
          "value",
          "ports",
          "containerPort",
          "finalizers",
          "labels",
          "volumes",
          "emptyDir",
          "hostPath",
          "tolerations",
          "conditions",
          "type",
          "$patch",
          "$retainKeys",
          "$setElementOrder/containers",
          "$setElementOrder/env",
          "$setElementOrder/finalizers",
          "$deleteFromPrimitiveList/finalizers",
          "$setElementOrder/",
          "$deleteFromPrimitiveList/",
          "$other",
          "x");
  private static final List<String> STRINGS =
      List.of("delete", "replace", "merge", "app", "a", "name", "/spec", "", "~", "-");

  private static final String POD =
      """
      metadata:
        name: p
        labels: {a: b}
        finalizers: [a, b]
      spec:
        volumes: [{name: v, emptyDir: {}}]
        containers:
        - name: app
          image: x
          env: [{name: A, value: '1'}]
          ports: [{containerPort: 80}]
        tolerations: [{key: k}]
      status:
        conditions: [{type: Ready, status: 'True'}]
      """;

  private final Random random = new Random(20261125);

  private JsonNode value(int depth) {
    int choice = random.nextInt(depth <= 0 ? 5 : 9);
    return switch (choice) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
      case 2 ->
          NODES.numberNode(random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(100));
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.textNode(KEYS.get(random.nextInt(KEYS.size())));
      case 5, 6 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(value(depth - 1));
        }
        yield a;
      }
      default -> object(depth - 1);
    };
  }

  private ObjectNode object(int depth) {
    ObjectNode o = NODES.objectNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      o.set(KEYS.get(random.nextInt(KEYS.size())), value(depth));
    }
    return o;
  }

  private static void expectTypedOutcome(Supplier<JsonNode> apply) {
    try {
      assertThat(apply.get()).isNotNull();
    } catch (ApiException e) {
      assertThat(e.code()).isIn(400, 413, 422);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Test
  void randomStrategicMergePatchesFailOnlyWithTypedErrors() {
    JsonNode pod = yaml(POD);
    for (int i = 0; i < 20_000; i++) {
      JsonNode generated = random.nextInt(10) == 0 ? value(3) : object(4);
      if (random.nextBoolean() && generated.isObject()) {
        // Aim below spec.containers[0] as often as at the top.
        ObjectNode container = object(3).put("name", "app");
        ObjectNode spec =
            ((ObjectNode) generated.deepCopy()).set("containers", NODES.arrayNode().add(container));
        generated = NODES.objectNode().set("spec", spec);
      }
      JsonNode patch = generated;
      JsonNode before = patch.deepCopy();
      Class<?> type = i % 2 == 0 ? TestPod.class : Pod.class;
      expectTypedOutcome(() -> StrategicMergePatch.apply(pod, patch, type));
      assertThat(patch).isEqualTo(before);
    }
    assertThat(pod).isEqualTo(yaml(POD));
  }

  @Test
  void randomJsonPatchesFailOnlyWithTypedErrors() {
    JsonNode pod = yaml(POD);
    List<String> ops = List.of("add", "remove", "replace", "move", "copy", "test", "nope");
    List<String> paths =
        List.of(
            "",
            "/",
            "/spec",
            "/spec/containers/0",
            "/spec/containers/-",
            "/spec/containers/01",
            "/spec/containers/9",
            "/metadata/labels/a",
            "/metadata/finalizers/1",
            "/x/y",
            "spec",
            "/a~2b",
            "/metadata/labels/~1",
            "/spec/containers/0/env/0/value");
    for (int i = 0; i < 5000; i++) {
      ArrayNode patch = NODES.arrayNode();
      for (int n = random.nextInt(4); n >= 0; n--) {
        if (random.nextInt(20) == 0) {
          patch.add(value(2));
          continue;
        }
        ObjectNode op = NODES.objectNode();
        if (random.nextInt(10) > 0) {
          op.put("op", ops.get(random.nextInt(ops.size())));
        }
        if (random.nextInt(10) > 0) {
          op.put("path", paths.get(random.nextInt(paths.size())));
        }
        if (random.nextBoolean()) {
          op.put("from", paths.get(random.nextInt(paths.size())));
        }
        if (random.nextInt(4) > 0) {
          op.set("value", value(2));
        }
        patch.add(op);
      }
      expectTypedOutcome(() -> JsonPatch.apply(pod, patch));
    }
    assertThat(pod).isEqualTo(yaml(POD));
  }

  @Test
  void randomMergePatchesAlwaysApply() {
    JsonNode pod = yaml(POD);
    for (int i = 0; i < 5000; i++) {
      assertThat(JsonMergePatch.apply(pod, value(4))).isNotNull();
    }
    assertThat(pod).isEqualTo(yaml(POD));
  }
}

package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StrategicMergePatch#createTwoWay}: the patch kubectl would send, and that it round-trips.
 */
class StrategicTwoWayPatchTest {

  private static final String POD =
      """
      metadata:
        name: p
        labels: {app: web, tier: front}
        finalizers: [a, b]
      spec:
        volumes:
        - {name: cache, emptyDir: {}}
        containers:
        - name: app
          image: nginx:1.25
          env: [{name: A, value: '1'}, {name: B, value: '2'}]
          ports: [{containerPort: 80}]
        - name: side
          image: busybox
        tolerations: [{key: k}]
        strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
      """;

  private static JsonNode roundTrip(JsonNode original, JsonNode modified) {
    ObjectNode patch = StrategicMergePatch.createTwoWay(original, modified, TestPod.class);
    JsonNode applied = StrategicMergePatch.apply(original, patch, TestPod.class);
    assertThat(applied).as("patch %s", patch).isEqualTo(modified);
    return patch;
  }

  @Test
  void equalObjectsGiveAnEmptyPatch() {
    assertThat(StrategicMergePatch.createTwoWay(yaml(POD), yaml(POD), TestPod.class)).isEmpty();
  }

  @Test
  void patchLooksLikeKubectlsAndRoundTrips() {
    JsonNode modified =
        yaml(
            """
            metadata:
              name: p
              labels: {app: web}
              finalizers: [b, c]
            spec:
              volumes:
              - {name: cache, hostPath: {path: /c}}
              containers:
              - name: app
                image: nginx:1.27
                env: [{name: A, value: '1'}, {name: C, value: '3'}]
                ports: [{containerPort: 80}]
              tolerations: [{key: k2}]
              strategy: {type: Recreate}
            """);
    JsonNode patch = roundTrip(yaml(POD), modified);
    assertThat(patch)
        .isEqualTo(
            yaml(
                """
                metadata:
                  labels: {tier: null}
                  finalizers: [c]
                  $deleteFromPrimitiveList/finalizers: [a]
                  $setElementOrder/finalizers: [b, c]
                spec:
                  volumes:
                  - {name: cache, hostPath: {path: /c}, emptyDir: null, $retainKeys: [hostPath, name]}
                  $setElementOrder/volumes: [{name: cache}]
                  containers:
                  - name: app
                    image: nginx:1.27
                    env: [{name: C, value: '3'}, {name: B, $patch: delete}]
                    $setElementOrder/env: [{name: A}, {name: C}]
                  - {name: side, $patch: delete}
                  $setElementOrder/containers: [{name: app}]
                  tolerations: [{key: k2}]
                  strategy: {type: Recreate, rollingUpdate: null, $retainKeys: [type]}
                """));
  }

  @Test
  void reorderingOnlySendsTheOrder() {
    ObjectNode modified = (ObjectNode) yaml(POD);
    ArrayNode containers = (ArrayNode) modified.at("/spec/containers");
    JsonNode first = containers.remove(0);
    containers.add(first);
    assertThat(roundTrip(yaml(POD), modified))
        .isEqualTo(yaml("spec: {$setElementOrder/containers: [{name: side}, {name: app}]}"));
  }

  @Test
  void randomEditsRoundTrip() {
    Random random = new Random(7);
    String[] images = {"a", "b", "c"};
    for (int i = 0; i < 300; i++) {
      ObjectNode modified = (ObjectNode) yaml(POD);
      ArrayNode containers = (ArrayNode) modified.at("/spec/containers");
      if (random.nextBoolean()) {
        containers
            .addObject()
            .put("name", "n" + random.nextInt(3))
            .put("image", images[random.nextInt(3)]);
      }
      if (random.nextBoolean() && containers.size() > 1) {
        containers.remove(random.nextInt(containers.size()));
      }
      ObjectNode c0 = (ObjectNode) containers.get(0);
      if (random.nextBoolean()) {
        c0.put("image", images[random.nextInt(3)]);
      }
      if (random.nextBoolean()) {
        c0.remove("env");
      }
      ArrayNode finalizers = (ArrayNode) modified.at("/metadata/finalizers");
      if (random.nextBoolean()) {
        finalizers.insert(0, "f" + random.nextInt(3));
      }
      if (random.nextBoolean()) {
        finalizers.remove(finalizers.size() - 1);
      }
      if (random.nextBoolean()) {
        ((ObjectNode) modified.get("metadata")).remove("labels");
      }
      roundTrip(yaml(POD), modified);
    }
  }
}

package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import org.junit.jupiter.api.Test;

class DefaultTolerationSecondsTest {
  private static final ResourceType PODS =
      ResourceRegistry.builtins().resolve("pods").orElseThrow();

  private static JsonNode create(String specJson) {
    ObjectNode pod =
        (ObjectNode)
            KubeJson.parse(
                ("{\"metadata\":{\"name\":\"p\"},\"spec\":" + specJson + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Defaults.onCreate(PODS, pod, true);
    return pod.path("spec").path("tolerations");
  }

  @Test
  void podsGetFiveMinutesOfNotReadyAndUnreachableTolerations() {
    JsonNode t = create("{\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}");
    assertThat(t).hasSize(2);
    assertThat(t.get(0).path("key").asText()).isEqualTo("node.kubernetes.io/not-ready");
    assertThat(t.get(1).path("key").asText()).isEqualTo("node.kubernetes.io/unreachable");
    for (JsonNode x : t) {
      assertThat(x.path("operator").asText()).isEqualTo("Exists");
      assertThat(x.path("effect").asText()).isEqualTo("NoExecute");
      assertThat(x.path("tolerationSeconds").asLong()).isEqualTo(300);
    }
  }

  @Test
  void aPodThatAlreadyToleratesATaintKeepsItsOwnToleration() {
    JsonNode t =
        create(
            "{\"containers\":[],\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":0}]}");
    assertThat(t).hasSize(2);
    assertThat(t.get(0).path("tolerationSeconds").asLong()).isZero();
    assertThat(t.get(1).path("key").asText()).isEqualTo("node.kubernetes.io/not-ready");
    assertThat(create("{\"containers\":[],\"tolerations\":[{\"operator\":\"Exists\"}]}"))
        .hasSize(1);
  }
}

package dev.keelson.apiserver.admission.plugins;

import static dev.keelson.apiserver.admission.plugins.FakeCluster.create;
import static dev.keelson.apiserver.admission.plugins.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.apiserver.admission.Attributes;
import org.junit.jupiter.api.Test;

class LimitRangerTest {
  private final FakeCluster cluster = new FakeCluster();
  private final LimitRanger plugin = new LimitRanger(cluster);

  private void limitRange(String limits) {
    cluster.put(
        LimitRanger.LIMIT_RANGES,
        yaml("metadata: {name: lr, namespace: team}\nspec:\n  limits:\n" + limits));
  }

  private static ObjectNode pod(String resources) {
    return yaml(
        "metadata: {name: web, namespace: team}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
            + resources);
  }

  private void admit(ObjectNode pod) {
    Attributes a = create("", "pods", "Pod", pod);
    plugin.admit(a);
    plugin.validate(a);
  }

  @Test
  void containerWithoutResourcesGetsTheDefaultLimitAndRequest() {
    limitRange(
        """
          - type: Container
            default: {cpu: 500m, memory: 256Mi}
            defaultRequest: {cpu: 100m}
        """);
    ObjectNode pod = pod("");
    admit(pod);
    JsonNode r = pod.path("spec").path("containers").get(0).path("resources");
    assertThat(r.path("limits").path("cpu").asText()).isEqualTo("500m");
    assertThat(r.path("limits").path("memory").asText()).isEqualTo("256Mi");
    assertThat(r.path("requests").path("cpu").asText()).isEqualTo("100m");
    // no defaultRequest for memory: the default limit, as LimitRange defaulting does
    assertThat(r.path("requests").path("memory").asText()).isEqualTo("256Mi");
  }

  @Test
  void whatTheContainerSetsItselfIsKept() {
    limitRange("  - type: Container\n    default: {cpu: 500m}\n");
    ObjectNode pod = pod("    resources: {limits: {cpu: 200m}, requests: {cpu: 200m}}\n");
    admit(pod);
    assertThat(pod.at("/spec/containers/0/resources/limits/cpu").asText()).isEqualTo("200m");
  }

  @Test
  void maximumExceededIsForbiddenWithKubernetesWords() {
    limitRange("  - type: Container\n    max: {cpu: '1'}\n");
    assertThatThrownBy(() -> admit(pod("    resources: {limits: {cpu: '2'}}\n")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"web\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
  }

  @Test
  void minimumAndRatioViolationsAreListedTogether() {
    limitRange(
        """
          - type: Container
            min: {memory: 64Mi}
            maxLimitRequestRatio: {cpu: '2'}
        """);
    assertThatThrownBy(
            () ->
                admit(
                    pod(
                        "    resources: {limits: {cpu: '1', memory: 32Mi}, requests: {cpu: 100m,"
                            + " memory: 32Mi}}\n")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"web\" is forbidden: [minimum memory usage per Container is 64Mi, but request"
                + " is 32Mi, cpu max limit to request ratio per Container is 2, but provided ratio"
                + " is 10.000000]");
  }

  @Test
  void podItemsLimitTheSumOfTheContainers() {
    limitRange("  - type: Pod\n    max: {memory: 1Gi}\n");
    ObjectNode pod =
        yaml(
            """
            metadata: {name: web, namespace: team}
            spec:
              containers:
              - {name: a, image: x, resources: {limits: {memory: 768Mi}}}
              - {name: b, image: x, resources: {limits: {memory: 512Mi}}}
            """);
    assertThatThrownBy(() -> admit(pod))
        .hasMessage(
            "pods \"web\" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi");
  }
}

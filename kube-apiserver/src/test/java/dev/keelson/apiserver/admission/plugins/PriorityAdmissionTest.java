package dev.keelson.apiserver.admission.plugins;

import static dev.keelson.apiserver.admission.plugins.FakeCluster.create;
import static dev.keelson.apiserver.admission.plugins.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ForbiddenException;
import org.junit.jupiter.api.Test;

class PriorityAdmissionTest {
  private final FakeCluster cluster = new FakeCluster();
  private final PriorityAdmission plugin = new PriorityAdmission(cluster);

  private static ObjectNode pod(String spec) {
    return yaml(
        "metadata: {name: web, namespace: team}\nspec:\n  containers: [{name: a, image: x}]\n"
            + spec);
  }

  private void priorityClass(String name, int value, String extra) {
    cluster.put(
        PriorityAdmission.PRIORITY_CLASSES,
        yaml("metadata: {name: " + name + "}\nvalue: " + value + "\n" + extra));
  }

  @Test
  void podWithoutClassAndNoDefaultGetsZero() {
    ObjectNode pod = pod("");
    plugin.admit(create("", "pods", "Pod", pod));
    assertThat(pod.at("/spec/priority").asInt()).isZero();
    assertThat(pod.at("/spec/preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(pod.at("/spec/priorityClassName").isMissingNode()).isTrue();
  }

  @Test
  void namedClassGivesValueAndPreemptionPolicy() {
    priorityClass("batch", 1000, "preemptionPolicy: Never");
    ObjectNode pod = pod("  priorityClassName: batch\n");
    plugin.admit(create("", "pods", "Pod", pod));
    assertThat(pod.at("/spec/priority").asInt()).isEqualTo(1000);
    assertThat(pod.at("/spec/preemptionPolicy").asText()).isEqualTo("Never");
  }

  @Test
  void globalDefaultClassAppliesToPodsWithoutOne() {
    priorityClass("normal", 50, "globalDefault: true");
    ObjectNode pod = pod("");
    plugin.admit(create("", "pods", "Pod", pod));
    assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo("normal");
    assertThat(pod.at("/spec/priority").asInt()).isEqualTo(50);
  }

  @Test
  void systemClassesAreBuiltIn() {
    ObjectNode pod = pod("  priorityClassName: system-node-critical\n");
    plugin.admit(create("", "pods", "Pod", pod));
    assertThat(pod.at("/spec/priority").asInt()).isEqualTo(2000001000);
  }

  @Test
  void unknownClassAndSelfChosenPriorityAreForbidden() {
    assertThatThrownBy(
            () -> plugin.admit(create("", "pods", "Pod", pod("  priorityClassName: nope\n"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("pods \"web\" is forbidden: no PriorityClass with name nope was found");
    assertThatThrownBy(() -> plugin.admit(create("", "pods", "Pod", pod("  priority: 7\n"))))
        .hasMessageContaining("the integer value of priority (7) must not be provided in pod spec");
  }

  @Test
  void secondGlobalDefaultIsForbidden() {
    priorityClass("normal", 50, "globalDefault: true");
    ObjectNode other = yaml("metadata: {name: other}\nvalue: 1\nglobalDefault: true");
    assertThatThrownBy(
            () ->
                plugin.validate(
                    create("scheduling.k8s.io", "priorityclasses", "PriorityClass", other)))
        .hasMessage(
            "priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass normal is"
                + " already marked as default. Only one default can exist");
  }
}

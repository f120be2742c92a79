package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceFieldSelector;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Downward API values: metadata formatting and resources rounded up against their divisor. */
class DownwardApiTest {
  private static final Map<String, Quantity> NODE =
      Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("8Gi"));

  private static final Pod POD =
      KubeJson.decodeYaml(
          """
          metadata:
            name: p
            namespace: ns
            uid: u-1
            labels: {b: "2", a: "say \\"hi\\""}
            annotations: {note: "line1\\nline2"}
          spec:
            nodeName: n1
            containers:
            - name: app
              resources: {limits: {cpu: 1500m, memory: 1536Mi}, requests: {cpu: 1m}}
            - name: bare
          """,
          Pod.class);

  private static String res(String container, String resource, String divisor) {
    Container c = POD.spec().container(container);
    return DownwardApi.resourceField(
        c,
        new ResourceFieldSelector(
            container, resource, divisor == null ? null : Quantity.parse(divisor)),
        NODE);
  }

  @Test
  void wholeLabelAndAnnotationMapsAreSortedGoQuotedLines() {
    assertThat(DownwardApi.metadataField(POD, "metadata.labels"))
        .isEqualTo("a=\"say \\\"hi\\\"\"\nb=\"2\"");
    assertThat(DownwardApi.metadataField(POD, "metadata.annotations"))
        .isEqualTo("note=\"line1\\nline2\"");
    assertThat(DownwardApi.metadataField(POD, "metadata.labels['b']")).isEqualTo("2");
    assertThat(DownwardApi.metadataField(POD, "metadata.labels['missing']")).isEmpty();
  }

  @Test
  void envFieldsIncludeSpecAndStatusPaths() {
    assertThat(DownwardApi.envField(POD, "spec.nodeName", List.of(), "10.0.0.1")).isEqualTo("n1");
    assertThat(DownwardApi.envField(POD, "status.podIPs", List.of("10.1.0.2", "fd00::2"), "h"))
        .isEqualTo("10.1.0.2,fd00::2");
    assertThat(DownwardApi.envField(POD, "status.podIP", List.of(), "h")).isEmpty();
    assertThatThrownBy(() -> DownwardApi.envField(POD, "spec.hostname", List.of(), "h"))
        .hasMessage("unsupported fieldPath: spec.hostname");
  }

  @Test
  void resourcesAreRoundedUpAndUnsetLimitsAreTheNodesAllocatable() {
    assertThat(res("app", "limits.cpu", null)).isEqualTo("2");
    assertThat(res("app", "limits.cpu", "1m")).isEqualTo("1500");
    assertThat(res("app", "limits.memory", "1Gi")).isEqualTo("2");
    assertThat(res("app", "limits.memory", "1Mi")).isEqualTo("1536");
    assertThat(res("app", "requests.cpu", null)).isEqualTo("1");
    assertThat(res("app", "requests.memory", null)).isEqualTo("0");
    assertThat(res("bare", "limits.cpu", null)).isEqualTo("4");
    assertThat(res("bare", "limits.memory", "1Mi")).isEqualTo("8192");
    assertThatThrownBy(() -> res("app", "limits.gpu", null))
        .hasMessage("unsupported container resource : limits.gpu");
  }
}

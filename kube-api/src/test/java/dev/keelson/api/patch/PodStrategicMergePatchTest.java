package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

/**
 * Strategic merge patch on the real core/v1 kinds, as the API server runs it: encode the stored
 * object, apply the patch, decode the result.
 */
class PodStrategicMergePatchTest {

  private static final String LIVE =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: default
        labels: {app: web}
        finalizers: [example.com/cleanup]
      spec:
        volumes:
        - name: cache
          emptyDir: {}
        - name: config
          configMap: {name: web-config}
        containers:
        - name: app
          image: nginx:1.25
          ports:
          - {containerPort: 80, protocol: TCP}
          env:
          - {name: MODE, value: prod}
          - {name: DEBUG, value: 'false'}
          volumeMounts:
          - {name: cache, mountPath: /cache}
        - name: sidecar
          image: busybox
        tolerations:
        - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
      status:
        phase: Running
        conditions:
        - {type: Ready, status: 'True'}
        - {type: PodScheduled, status: 'True'}
      """;

  private static Pod patch(String patch) {
    Pod live = KubeJson.decodeYaml(LIVE, Pod.class);
    JsonNode patched = StrategicMergePatch.apply(KubeJson.toTree(live), yaml(patch), Pod.class);
    return KubeJson.convert(patched, Pod.class);
  }

  @Test
  void kubectlApplyStylePatchOfAPod() {
    // What kubectl apply sends after the image, an env var and a port changed, DEBUG was removed
    // and a container was added in front.
    Pod pod =
        patch(
            """
            spec:
              $setElementOrder/containers: [{name: init-proxy}, {name: app}, {name: sidecar}]
              containers:
              - name: init-proxy
                image: envoy:1.30
              - name: app
                image: nginx:1.27
                $setElementOrder/env: [{name: MODE}, {name: LOG}]
                env:
                - {name: LOG, value: json}
                - {name: DEBUG, $patch: delete}
                $setElementOrder/ports: [{containerPort: 80}, {containerPort: 443}]
                ports:
                - {containerPort: 443, protocol: TCP}
            """);
    assertThat(pod.spec().containers())
        .extracting(Container::name)
        .containsExactly("init-proxy", "app", "sidecar");
    Container app = pod.spec().containers().get(1);
    assertThat(app.image()).isEqualTo("nginx:1.27");
    assertThat(app.env()).extracting(EnvVar::name).containsExactly("MODE", "LOG");
    assertThat(app.ports()).extracting(p -> p.containerPort()).containsExactly(80, 443);
    assertThat(app.volumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.mountPath()).isEqualTo("/cache"));
    assertThat(pod.metadata().finalizers()).containsExactly("example.com/cleanup");
    assertThat(pod.status().phase()).isEqualTo("Running");
  }

  @Test
  void tolerationsAreReplacedWhole() {
    Pod pod =
        patch(
            """
            spec:
              tolerations:
              - {key: disktype, operator: Equal, value: ssd, effect: NoSchedule}
            """);
    assertThat(pod.spec().tolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.key()).isEqualTo("disktype"));
  }

  @Test
  void volumeRetainKeysSwitchesTheVolumeSource() {
    Pod pod =
        patch(
            """
            spec:
              $setElementOrder/volumes: [{name: cache}, {name: config}]
              volumes:
              - name: cache
                $retainKeys: [hostPath, name]
                hostPath: {path: /var/cache/web}
            """);
    assertThat(pod.spec().volumes().get(0).hostPath().path()).isEqualTo("/var/cache/web");
    assertThat(pod.spec().volumes().get(0).emptyDir()).isNull();
    assertThat(pod.spec().volumes().get(1).configMap().name()).isEqualTo("web-config");
  }

  @Test
  void statusConditionsMergeByType() {
    Pod pod =
        patch(
            """
            status:
              $setElementOrder/conditions: [{type: Initialized}, {type: Ready}, {type: PodScheduled}]
              conditions:
              - {type: Initialized, status: 'True'}
              - {type: Ready, status: 'False', reason: ContainersNotReady}
            """);
    assertThat(pod.status().conditions())
        .extracting(c -> c.type() + "=" + c.status())
        .containsExactly("Initialized=True", "Ready=False", "PodScheduled=True");
  }

  @Test
  void deletingAContainerAndAFinalizer() {
    Pod pod =
        patch(
            """
            metadata:
              $deleteFromPrimitiveList/finalizers: [example.com/cleanup]
            spec:
              containers:
              - {name: sidecar, $patch: delete}
            """);
    assertThat(pod.metadata().finalizers()).isEmpty();
    assertThat(pod.spec().containers()).extracting(Container::name).containsExactly("app");
  }

  @Test
  void servicePortsMergeByPort() {
    Service live =
        KubeJson.decodeYaml(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: 8080}
            """,
            Service.class);
    JsonNode patched =
        StrategicMergePatch.apply(
            KubeJson.toTree(live),
            yaml("spec: {ports: [{port: 80, targetPort: 9090}, {name: https, port: 443}]}"),
            Service.class);
    Service service = KubeJson.convert(patched, Service.class);
    assertThat(service.spec().ports())
        .extracting(p -> p.port() + "->" + p.targetPort())
        .containsExactly("80->9090", "443->null");
  }

  @Test
  void aContainerWithoutNameIsRejectedBeforeDecoding() {
    assertThatThrownBy(() -> patch("spec: {containers: [{image: redis}]}"))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("spec.containers[0]: the element does not contain the merge key");
  }
}

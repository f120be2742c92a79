package dev.keelson.api.patch;

import static dev.keelson.api.patch.Yaml.smp;
import static dev.keelson.api.patch.Yaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.UnsupportedMediaTypeException;
import org.junit.jupiter.api.Test;

/** Strategic merge patch on pod-like test records, with the patches kubectl sends. */
class StrategicMergePatchTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: patch-demo
        labels: {app: nginx, tier: web}
        finalizers: [a, b, c]
        ownerReferences:
        - {uid: u1, name: rs1, kind: ReplicaSet}
      spec:
        volumes:
        - name: data
          hostPath: {path: /data}
        containers:
        - name: patch-demo-ctr
          image: nginx
          args: [a, b]
          ports:
          - {containerPort: 80, protocol: TCP}
          env:
          - {name: A, value: '1'}
          - {name: B, value: '2'}
          volumeMounts:
          - {name: data, mountPath: /data}
        tolerations:
        - {effect: NoSchedule, key: dedicated, value: test-team}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
      """;

  private static JsonNode patchPod(String patch) {
    return smp(TestPod.class, POD, patch);
  }

  private static JsonNode at(JsonNode node, String pointer) {
    return node.at(pointer);
  }

  @Test
  void addingAContainerMergesByNameNewOneFirstAsInTheKubectlPatchDocs() {
    JsonNode result =
        patchPod(
            """
            spec:
              containers:
              - name: patch-demo-ctr-2
                image: redis
            """);
    assertThat(at(result, "/spec/containers"))
        .isEqualTo(
            yaml(
                """
                - name: patch-demo-ctr-2
                  image: redis
                - name: patch-demo-ctr
                  image: nginx
                  args: [a, b]
                  ports:
                  - {containerPort: 80, protocol: TCP}
                  env:
                  - {name: A, value: '1'}
                  - {name: B, value: '2'}
                  volumeMounts:
                  - {name: data, mountPath: /data}
                """));
    assertThat(at(result, "/metadata")).isEqualTo(at(yaml(POD), "/metadata"));
  }

  @Test
  void tolerationsHaveNoStrategyAndAreReplaced() {
    JsonNode result =
        patchPod(
            """
            spec:
              tolerations:
              - {effect: NoSchedule, key: disktype, value: ssd}
            """);
    assertThat(at(result, "/spec/tolerations"))
        .isEqualTo(yaml("- {effect: NoSchedule, key: disktype, value: ssd}"));
  }

  @Test
  void retainKeysOnTheStrategyDropsRollingUpdateWhenSwitchingToRecreate() {
    JsonNode result =
        patchPod(
            """
            spec:
              strategy:
                $retainKeys: [type]
                type: Recreate
            """);
    assertThat(at(result, "/spec/strategy")).isEqualTo(yaml("type: Recreate"));
    JsonNode without = patchPod("spec: {strategy: {type: Recreate}}");
    assertThat(at(without, "/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
  }

  @Test
  void nestedListsMergeByTheirOwnKeys() {
    JsonNode result =
        patchPod(
            """
            spec:
              $setElementOrder/containers: [{name: patch-demo-ctr}]
              containers:
              - name: patch-demo-ctr
                image: nginx:1.27
                args: [c]
                ports:
                - {containerPort: 443, protocol: TCP}
                - {containerPort: 80, name: http}
                env:
                - {name: B, value: '3'}
                - {name: A, $patch: delete}
                - {name: C, value: '4'}
                volumeMounts:
                - {mountPath: /data, readOnly: true}
            """);
    assertThat(at(result, "/spec/containers"))
        .isEqualTo(
            yaml(
                """
                - name: patch-demo-ctr
                  image: nginx:1.27
                  args: [c]
                  ports:
                  - {containerPort: 443, protocol: TCP}
                  - {containerPort: 80, protocol: TCP, name: http}
                  env:
                  - {name: B, value: '3'}
                  - {name: C, value: '4'}
                  volumeMounts:
                  - {name: data, mountPath: /data, readOnly: true}
                """));
  }

  @Test
  void setElementOrderReordersContainers() {
    String pod =
        """
        spec:
          containers:
          - {name: a, image: x}
          - {name: b, image: y}
          - {name: c, image: z}
        """;
    JsonNode result =
        smp(
            TestPod.class,
            pod,
            """
            spec:
              $setElementOrder/containers: [{name: c}, {name: a}, {name: b}]
              containers:
              - {name: a, image: x2}
            """);
    assertThat(at(result, "/spec/containers"))
        .isEqualTo(yaml("[{name: c, image: z}, {name: a, image: x2}, {name: b, image: y}]"));
  }

  @Test
  void metadataFinalizersMergeAsASetAndDeleteFromPrimitiveList() {
    assertThat(at(patchPod("metadata: {finalizers: [d, b]}"), "/metadata/finalizers"))
        .as("patch items first unless a server item came before them")
        .isEqualTo(yaml("[d, a, b, c]"));
    assertThat(
            at(
                patchPod("metadata: {$deleteFromPrimitiveList/finalizers: [b, x]}"),
                "/metadata/finalizers"))
        .isEqualTo(yaml("[a, c]"));
    assertThat(
            at(
                patchPod(
                    """
                    metadata:
                      $setElementOrder/finalizers: [c, a]
                      $deleteFromPrimitiveList/finalizers: [b]
                    """),
                "/metadata/finalizers"))
        .isEqualTo(yaml("[c, a]"));
  }

  @Test
  void ownerReferencesMergeByUid() {
    assertThat(
            at(
                patchPod(
                    "metadata: {ownerReferences: [{uid: u1, controller: true}, {uid: u2, name: x}]}"),
                "/metadata/ownerReferences"))
        .isEqualTo(
            yaml("[{uid: u1, name: rs1, kind: ReplicaSet, controller: true}, {uid: u2, name: x}]"));
  }

  @Test
  void labelsMergeAndNullDeletesALabel() {
    assertThat(at(patchPod("metadata: {labels: {tier: null, env: prod}}"), "/metadata/labels"))
        .isEqualTo(yaml("{app: nginx, env: prod}"));
  }

  @Test
  void volumesMergeByNameAndHonourRetainKeys() {
    assertThat(
            at(
                patchPod(
                    """
                    spec:
                      volumes:
                      - name: data
                        $retainKeys: [name, emptyDir]
                        emptyDir: {}
                    """),
                "/spec/volumes"))
        .isEqualTo(yaml("[{name: data, emptyDir: {}}]"));
    assertThat(at(patchPod("spec: {volumes: [{name: data, emptyDir: {}}]}"), "/spec/volumes"))
        .as("without $retainKeys both sources remain")
        .isEqualTo(yaml("[{name: data, hostPath: {path: /data}, emptyDir: {}}]"));
  }

  @Test
  void dollarFieldsAndMapKeysAreDataNotDirectives() {
    JsonNode result =
        smp(
            TestPod.class,
            "spec: {schema: {type: object, properties: {a: {type: string}}}}",
            """
            spec:
              schema:
                properties:
                  a: {$ref: '#/definitions/a'}
                  $b: {type: integer, required: [x]}
            """);
    assertThat(at(result, "/spec/schema"))
        .isEqualTo(
            yaml(
                """
                type: object
                properties:
                  a: {type: string, $ref: '#/definitions/a'}
                  $b: {type: integer, required: [x]}
                """));
  }

  @Test
  void valuesOfRecordsWrittenAsScalarsAreNotObjects() {
    assertThat(at(patchPod("lastSeen: '2024-05-01T10:00:00.000000Z'"), "/lastSeen").asText())
        .isEqualTo("2024-05-01T10:00:00.000000Z");
  }

  @Test
  void patchMergeDirectiveStatesTheDefault() {
    assertThat(patchPod("metadata: {$patch: merge, labels: {x: y}}"))
        .isEqualTo(patchPod("metadata: {labels: {x: y}}"));
    assertThat(patchPod("spec: {containers: [{$patch: merge}, {name: n, image: i}]}"))
        .isEqualTo(patchPod("spec: {containers: [{name: n, image: i}]}"));
  }

  @Test
  void addedValuesHaveTheirDirectivesApplied() {
    JsonNode result =
        smp(
            TestPod.class,
            "metadata: {name: x}",
            """
            spec:
              $setElementOrder/containers: [{name: b}, {name: a}]
              containers:
              - {name: b}
              - {name: a, env: [{name: X, value: '1'}, {name: Y, $patch: delete}]}
            """);
    assertThat(at(result, "/spec"))
        .isEqualTo(yaml("containers: [{name: b}, {name: a, env: [{name: X, value: '1'}]}]"));
  }

  // Errors: every bad input is a typed API error with a clear message.

  private static ApiException error(String patch) {
    try {
      patchPod(patch);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected the patch to fail: " + patch);
  }

  @Test
  void customResourcesAnswer415() {
    assertThatThrownBy(
            () -> StrategicMergePatch.apply(yaml("a: 1"), yaml("a: 2"), GenericObject.class))
        .isInstanceOf(UnsupportedMediaTypeException.class)
        .hasMessageStartingWith("the body of the request was in an unknown format")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
    assertThat(StrategicMergePatch.supports(TestPod.class)).isTrue();
    assertThat(StrategicMergePatch.supports(GenericObject.class)).isFalse();
    assertThat(StrategicMergePatch.supports(String.class)).isFalse();
  }

  @Test
  void aPatchThatIsNotAnObjectIsABadRequest() {
    assertThatThrownBy(() -> StrategicMergePatch.apply(yaml(POD), yaml("[1]"), TestPod.class))
        .isInstanceOf(PatchException.class)
        .hasMessage("a strategic merge patch must be a JSON object, got array");
  }

  @Test
  void wrongTypesAre422NamingTheField() {
    ApiException e = error("spec: {containers: nginx}");
    assertThat(e).isInstanceOf(PatchFailedException.class);
    assertThat(e.code()).isEqualTo(422);
    assertThat(e).hasMessage("spec.containers: expected a list, got string");
    assertThat(error("spec: []")).hasMessage("spec: expected an object, got array");
    assertThat(error("metadata: {labels: [a]}"))
        .hasMessage("metadata.labels: expected an object, got array");
    assertThat(error("spec: {containers: [{name: patch-demo-ctr, env: {A: '1'}}]}"))
        .hasMessage("spec.containers[0].env: expected a list, got object");
  }

  @Test
  void aMergedElementWithoutItsMergeKeyIsABadRequest() {
    ApiException e = error("spec: {containers: [{name: ok}, {image: redis}]}");
    assertThat(e).isInstanceOf(PatchException.class);
    assertThat(e.code()).isEqualTo(400);
    assertThat(e)
        .hasMessage(
            "spec.containers[1]: the element does not contain the merge key \"name\":"
                + " {\"image\":\"redis\"}");
    assertThat(error("spec: {containers: [{$patch: delete, image: x}]}"))
        .hasMessageContaining("spec.containers[0]: the element does not contain the merge key");
  }

  @Test
  void unknownDirectivesAreBadRequests() {
    assertThat(error("spec: {$frobnicate: 1}"))
        .isInstanceOf(PatchException.class)
        .hasMessageStartingWith("spec: unknown patch directive \"$frobnicate\"");
    assertThat(error("spec: {$patch: frobnicate}"))
        .hasMessage(
            "spec: unknown $patch directive \"frobnicate\" (expected \"replace\", \"delete\" or"
                + " \"merge\")");
    assertThat(error("spec: {containers: [{name: x, $patch: 7}]}"))
        .hasMessageStartingWith("spec.containers[0]: unknown $patch directive 7");
  }

  @Test
  void malformedRetainKeysAreBadRequests() {
    assertThat(error("spec: {strategy: {$retainKeys: type, type: Recreate}}"))
        .isInstanceOf(PatchException.class)
        .hasMessage("spec.strategy: $retainKeys must be a list of field names, got string");
    assertThat(error("spec: {strategy: {$retainKeys: [type], rollingUpdate: {maxSurge: 1}}}"))
        .hasMessage(
            "spec.strategy: the patch sets \"rollingUpdate\", which its $retainKeys list does not"
                + " hold");
  }

  @Test
  void malformedSetElementOrderIsABadRequest() {
    assertThat(error("spec: {$setElementOrder/containers: {name: x}}"))
        .isInstanceOf(PatchException.class)
        .hasMessage("spec.containers: $setElementOrder/containers must be a list, got object");
    assertThat(error("spec: {$setElementOrder/nothing: []}"))
        .hasMessage("spec: $setElementOrder/nothing names no field of TestPodSpec");
    assertThat(error("spec: {$setElementOrder/: []}"))
        .hasMessage("spec: \"$setElementOrder/\" names no field");
    assertThat(
            error(
                """
                spec:
                  $setElementOrder/containers: [{name: a}, {name: b}]
                  containers: [{name: b}, {name: a}]
                """))
        .hasMessageStartingWith(
            "spec.containers: the items of the list in the patch are not all in"
                + " $setElementOrder/containers, or not in the same order");
    assertThat(error("spec: {$setElementOrder/containers: [x]}"))
        .hasMessage(
            "spec.containers: $setElementOrder/containers[0] must be an object with the merge key"
                + " \"name\"");
  }

  @Test
  void malformedDeleteFromPrimitiveListIsABadRequest() {
    assertThat(error("metadata: {$deleteFromPrimitiveList/finalizers: a}"))
        .isInstanceOf(PatchException.class)
        .hasMessage(
            "metadata.finalizers: $deleteFromPrimitiveList/finalizers must be a list of values, got"
                + " string");
    assertThat(error("metadata: {$deleteFromPrimitiveList/finalizers: [{a: 1}]}"))
        .hasMessageContaining("must be a list of values, not of objects or lists");
  }

  @Test
  void listsOfListsAndMixedListsAre422() {
    assertThat(error("metadata: {finalizers: [[a]]}"))
        .isInstanceOf(PatchFailedException.class)
        .hasMessage("metadata.finalizers: lists of lists are not supported");
    assertThat(error("metadata: {finalizers: [{a: 1}]}"))
        .hasMessage(
            "metadata.finalizers: list elements are not all of the same type: objects and values");
  }

  @Test
  void aStoredElementWithoutMergeKeyIs422() {
    assertThatThrownBy(
            () ->
                smp(
                    TestPod.class,
                    "spec: {containers: [{image: orphan}]}",
                    "spec: {containers: [{name: a}]}"))
        .isInstanceOf(PatchFailedException.class)
        .hasMessage(
            "spec.containers: an element of the list has no merge key \"name\":"
                + " {\"image\":\"orphan\"}");
  }
}

package dev.keelson.api.protobuf;

import static dev.keelson.api.protobuf.Proto.message;
import static dev.keelson.api.protobuf.Proto.quantity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.Decoded;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Objects encoded with protobuf-java's CodedOutputStream (field numbers from Kubernetes'
 * generated.proto) decode to the JSON a Go client would send for the same value.
 */
class KubeProtobufTest {
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final GroupVersionKind DEPLOYMENT =
      new GroupVersionKind("apps", "v1", "Deployment");

  private static JsonNode json(String text) {
    return KubeJson.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The tree is accepted by the model under Strict field validation, without warnings. */
  private static <T> T strict(ObjectNode tree, Class<T> type) {
    Decoded<T> d = KubeJson.convert(tree, type, FieldValidation.STRICT);
    assertThat(d.warnings()).isEmpty();
    return d.value();
  }

  @Test
  void configMapWithMapsBytesAndGoZeroValues() {
    Proto meta =
        message()
            .string(1, "settings")
            .string(2, "") // generateName: empty, omitempty -> left out
            .string(3, "default")
            .int64(7, 0) // generation 0, omitempty -> left out
            .message(8, message()) // creationTimestamp: Go's zero time -> null -> left out
            .entry(11, "app", "web")
            .entry(11, "tier", "front");
    byte[] body =
        message()
            .message(1, meta)
            .entry(2, "color", "blue")
            .message(3, message().string(1, "blob").bytes(2, new byte[] {0, 1, 2, (byte) 255}))
            .bool(4, false) // immutable is a pointer: false is kept
            .enveloped("v1", "ConfigMap");

    ProtobufObject decoded = KubeProtobuf.decode(body, CONFIG_MAP);

    assertThat(decoded.kind()).isEqualTo(CONFIG_MAP);
    assertThat(decoded.object())
        .isEqualTo(
            json(
                """
                {"apiVersion":"v1","kind":"ConfigMap",
                 "metadata":{"name":"settings","namespace":"default",
                             "labels":{"app":"web","tier":"front"}},
                 "data":{"color":"blue"},"binaryData":{"blob":"AAEC/w=="},"immutable":false}
                """));
    ConfigMap cm = strict(decoded.object(), ConfigMap.class);
    assertThat(cm.data()).containsEntry("color", "blue");
  }

  @Test
  void deploymentWithPointersIntOrStringQuantitiesAndTime() {
    Proto container =
        message()
            .string(1, "web")
            .string(2, "nginx:1.27")
            .message(6, message().int32(3, 80).string(4, "TCP"))
            .message(
                8,
                message().entry(1, "cpu", quantity("500m")).entry(1, "memory", quantity("128Mi")))
            .string(13, "/dev/termination-log")
            .bool(16, false); // stdin: false, omitempty -> left out
    Proto template =
        message()
            .message(1, message().entry(11, "app", "web"))
            .message(2, message().message(2, container).string(3, "Always"));
    Proto spec =
        message()
            .int32(1, 0) // replicas is a pointer: 0 is kept
            .message(2, message().entry(1, "app", "web"))
            .message(3, template)
            .message(
                4,
                message()
                    .string(1, "RollingUpdate")
                    .message(
                        2,
                        message()
                            .message(1, message().int64(1, 0).int32(2, 1))
                            .message(2, message().int64(1, 1).string(3, "25%"))));
    byte[] body =
        message()
            .message(
                1,
                message().string(1, "web").message(8, message().int64(1, 1714557600).int32(2, 5)))
            .message(2, spec)
            .message(3, message()) // an empty status, as Go always writes it
            .enveloped("apps/v1", "Deployment");

    ObjectNode tree = KubeProtobuf.decode(body, DEPLOYMENT).object();

    assertThat(tree)
        .isEqualTo(
            json(
                """
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","creationTimestamp":"2024-05-01T10:00:00Z"},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                       "ports":[{"containerPort":80,"protocol":"TCP"}],
                       "resources":{"limits":{"cpu":"500m","memory":"128Mi"}},
                       "terminationMessagePath":"/dev/termination-log"}],
                       "restartPolicy":"Always"}},
                   "strategy":{"type":"RollingUpdate",
                     "rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}},
                 "status":{}}
                """));
    Deployment d = strict(tree, Deployment.class);
    assertThat(d.spec().replicas()).isZero();
  }

  @Test
  void inlineStructsMergeIntoTheirParent() {
    Proto volume =
        message()
            .string(1, "config")
            .message(2, message().message(19, message().message(1, message().string(1, "cm"))));
    Proto probe =
        message()
            .message(
                1,
                message()
                    .message(
                        2,
                        message()
                            .string(1, "/healthz")
                            .message(2, message().int64(1, 1).string(3, "http"))))
            .int32(4, 10);
    byte[] body =
        message()
            .message(1, message().string(1, "p"))
            .message(
                2,
                message()
                    .message(1, volume)
                    .message(2, message().string(1, "c").string(2, "busybox").message(10, probe)))
            .enveloped("v1", "Pod");

    ObjectNode tree = KubeProtobuf.decode(body, new GroupVersionKind("", "v1", "Pod")).object();

    assertThat(tree.at("/spec/volumes/0"))
        .isEqualTo(json("{\"name\":\"config\",\"configMap\":{\"name\":\"cm\"}}"));
    assertThat(tree.at("/spec/containers/0/livenessProbe"))
        .isEqualTo(
            json("{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"periodSeconds\":10}"));
    strict(tree, Pod.class);
  }

  @Test
  void unknownFieldNumbersAreIgnoredAsKubernetesDoes() {
    byte[] body =
        message()
            .message(1, message().string(1, "x").string(999, "from the future"))
            .int64(77, 5)
            .entry(2, "k", "v")
            .enveloped("v1", "ConfigMap");
    assertThat(KubeProtobuf.decode(body, CONFIG_MAP).object())
        .isEqualTo(
            json(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},"
                    + "\"data\":{\"k\":\"v\"}}"));
  }

  @Test
  void anEnvelopeWithoutKindTakesTheEndpointsKind() {
    byte[] body = message().message(1, message().string(1, "x")).enveloped("", "");
    ProtobufObject o = KubeProtobuf.decode(body, CONFIG_MAP);
    assertThat(o.kind()).isEqualTo(CONFIG_MAP);
    assertThat(o.object().get("kind").asText()).isEqualTo("ConfigMap");
  }

  @Test
  void malformedBodiesAreBadRequestsNamingTheProblem() {
    assertThatThrownBy(
            () -> KubeProtobuf.decode(Proto.utf8("{\"kind\":\"ConfigMap\"}"), CONFIG_MAP))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("does not appear to be a protobuf message");
    byte[] good = message().message(1, message().string(1, "x")).enveloped("v1", "ConfigMap");
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> KubeProtobuf.decode(truncated, CONFIG_MAP))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("truncated protobuf varint");
    byte[] shortRaw = Arrays.copyOf(good, 12); // ends inside the raw object
    assertThatThrownBy(() -> KubeProtobuf.decode(shortRaw, CONFIG_MAP))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("exceeds the");
    byte[] wrongWire = message().int32(1, 5).enveloped("v1", "ConfigMap");
    assertThatThrownBy(() -> KubeProtobuf.decode(wrongWire, CONFIG_MAP))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("field 1 (metadata) of ConfigMap has wire type 0");
    byte[] unknownKind = message().enveloped("example.com/v1", "Widget");
    assertThatThrownBy(() -> KubeProtobuf.decode(unknownKind, CONFIG_MAP))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("no kind \"Widget\" is registered for version \"example.com/v1\"");
    assertThat(new ProtobufException("x").status().code()).isEqualTo(400);
  }

  @Test
  void deeplyNestedInputIsRefused() {
    // JSONSchemaProps nests itself (properties): build a chain deeper than the limit
    Proto schema = message().string(5, "leaf");
    for (int i = 0; i < 120; i++) {
      schema = message().entry(29, "p", schema);
    }
    byte[] body =
        message()
            .message(2, message().message(7, message().message(4, message().message(1, schema))))
            .enveloped("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    assertThatThrownBy(
            () ->
                KubeProtobuf.decode(
                    body,
                    new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition")))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void everyBuiltinKindHasAProtobufForm() {
    for (ResourceType type : ResourceRegistry.builtins().all()) {
      assertThat(KubeProtobuf.supports(type.gvk())).as(type.gvk().toString()).isTrue();
    }
    assertThat(KubeProtobuf.supports(new GroupVersionKind("example.com", "v1", "Widget")))
        .isFalse();
    for (String kind : new String[] {"Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"}) {
      assertThat(
              KubeProtobuf.supports(new GroupVersionKind("rbac.authorization.k8s.io", "v1", kind)))
          .isTrue();
    }
  }

  @Test
  void crdSchemasUseTheirJsonForms() {
    Proto schema =
        message()
            .string(5, "object")
            .entry(
                29,
                "tags",
                message()
                    .string(5, "array")
                    .message(24, message().message(1, message().string(5, "string"))))
            .entry(
                29,
                "size",
                message().string(5, "integer").message(8, message().bytes(1, Proto.utf8("3"))))
            .message(30, message().bool(1, true))
            .bool(38, true);
    Proto version =
        message()
            .string(1, "v1")
            .bool(2, true)
            .bool(3, true)
            .message(4, message().message(1, schema));
    byte[] body =
        message()
            .message(1, message().string(1, "widgets.example.com"))
            .message(
                2,
                message()
                    .string(1, "example.com")
                    .message(3, message().string(1, "widgets").string(4, "Widget"))
                    .string(4, "Namespaced")
                    .message(7, version))
            .enveloped("apiextensions.k8s.io/v1", "CustomResourceDefinition");

    ObjectNode tree =
        KubeProtobuf.decode(
                body,
                new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition"))
            .object();

    assertThat(tree.at("/spec/versions/0/schema/openAPIV3Schema"))
        .isEqualTo(
            json(
                """
                {"type":"object",
                 "properties":{"tags":{"type":"array","items":{"type":"string"}},
                               "size":{"type":"integer","default":3}},
                 "additionalProperties":true,
                 "x-kubernetes-preserve-unknown-fields":true}
                """));
    strict(tree, dev.keelson.api.apiextensions.v1.CustomResourceDefinition.class);
    assertThat(tree.at("/spec/names"))
        .isEqualTo(json("{\"plural\":\"widgets\",\"kind\":\"Widget\"}"));
  }
}

package dev.keelson.api.core.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

/** Bad core/v1 bodies fail with a {@link DecodeException} that names the exact field path. */
class CoreV1DecodingErrorsTest {
  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(UTF_8);
  }

  private static final String FIRST = "{'name':'a','image':'nginx'}";

  @Test
  void aStringWhereAnInt32BelongsNamesTheDeepPath() {
    String pod =
        "{'spec':{'containers':[" + FIRST + ",{'name':'b','ports':[{'containerPort':'8080'}]}]}}";
    assertThatThrownBy(() -> KubeJson.decode(json(pod), Pod.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage("spec.containers[1].ports[0].containerPort: cannot unmarshal string into int32")
        .satisfies(
            e ->
                assertThat(((DecodeException) e).field())
                    .isEqualTo("spec.containers[1].ports[0].containerPort"));
  }

  @Test
  void wrongScalarTypesAtOtherDepthsNameTheirPaths() {
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    json(
                        "{'spec':{'containers':[{'name':'b','securityContext':{'runAsUser':1.5}}]}}"),
                    Pod.class))
        .hasMessage(
            "spec.containers[0].securityContext.runAsUser: cannot unmarshal number into int64");
    assertThatThrownBy(() -> KubeJson.decode(json("{'spec':{'hostNetwork':'true'}}"), Pod.class))
        .hasMessage("spec.hostNetwork: cannot unmarshal string into bool");
    assertThatThrownBy(() -> KubeJson.decode(json("{'spec':{'containers':{}}}"), Pod.class))
        .hasMessage("spec.containers: cannot unmarshal object into array");
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    json("{'spec':{'ports':[{'port':80,'targetPort':true}]}}"), Service.class))
        .hasMessage("spec.ports[0].targetPort: cannot unmarshal boolean into an int or a string");
    assertThatThrownBy(() -> KubeJson.decode(json("{'eventTime':'yesterday'}"), Event.class))
        .hasMessageStartingWith("eventTime: invalid time \"yesterday\"");
  }

  @Test
  void aBadQuantityInResourceLimitsIsRefusedAtItsPath() {
    String pod =
        "{'spec':{'containers':["
            + FIRST
            + ",{'name':'b','resources':{'limits':{'cpu':'1.5.3','memory':'1Gi'}}}]}}";
    assertThatThrownBy(() -> KubeJson.decode(json(pod), Pod.class))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("spec.containers[1].resources.limits.cpu: quantities must match");
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    json(
                        "{'spec':{'containers':[{'name':'b','resources':{'requests':{'cpu':true}}}]}}"),
                    Pod.class))
        .hasMessageStartingWith("spec.containers[0].resources.requests.cpu: ");
  }

  @Test
  void unknownFieldsInStrictModeAreAllReportedWithFullPaths() {
    String pod =
        "{'spec':{'containers':[{'name':'b','imagePullPolicyy':'Always',"
            + "'livenessProbe':{'httpGet':{'port':80,'pth':'/'}}}],'foo':{'a':1}},"
            + "'status':{'podIPs':[{'ip':'10.0.0.1','x':2}]}}";
    assertThatThrownBy(() -> KubeJson.decode(json(pod), Pod.class, FieldValidation.STRICT))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("strict decoding error: ")
        .hasMessageContaining("unknown field \"spec.containers[0].imagePullPolicyy\"")
        .hasMessageContaining("unknown field \"spec.containers[0].livenessProbe.httpGet.pth\"")
        .hasMessageContaining("unknown field \"spec.foo\"")
        .hasMessageContaining("unknown field \"status.podIPs[0].x\"");

    var warned = KubeJson.decode(json(pod), Pod.class, FieldValidation.WARN);
    assertThat(warned.unknownFields())
        .containsExactlyInAnyOrder(
            "spec.containers[0].imagePullPolicyy",
            "spec.containers[0].livenessProbe.httpGet.pth",
            "spec.foo",
            "status.podIPs[0].x");
    assertThat(
            warned.value().spec().containers().get(0).livenessProbe().httpGet().port().intValue())
        .isEqualTo(80);
  }

  @Test
  void nullListAndMapElementsAreRefusedAtTheirOwnPath() {
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'spec':{'containers':[" + FIRST + ",null]}}"), Pod.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage("spec.containers[1]: null is not allowed here");
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    json("{'spec':{'containers':[{'name':'b','args':['a',null]}]}}"), Pod.class))
        .hasMessage("spec.containers[0].args[1]: null is not allowed here");
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'spec':{'nodeSelector':{'zone':null}}}"), Pod.class))
        .hasMessage("spec.nodeSelector.zone: null is not allowed here");
  }

  @Test
  void aNullListOrObjectIsTheSameAsAbsent() {
    Pod pod = KubeJson.decode(json("{'spec':{'containers':null,'affinity':null}}"), Pod.class);
    assertThat(pod.spec().containers()).isEmpty();
    assertThat(pod.spec().affinity()).isNull();
  }

  @Test
  void secretDataThatIsNotBase64IsRefused() {
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'data':{'password':'not base64!'}}"), Secret.class))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("data.password: illegal base64 data");
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'binaryData':{'logo':'%%%'}}"), ConfigMap.class))
        .hasMessageStartingWith("binaryData.logo: illegal base64 data");
  }
}

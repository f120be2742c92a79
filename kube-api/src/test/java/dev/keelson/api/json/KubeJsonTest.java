package dev.keelson.api.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.GenericObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.Status;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeJsonTest {
  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(UTF_8);
  }

  @Test
  void metadataRoundTripsAndOmitsEmptyFieldsButKeepsEmptyLabelValues() {
    String in =
        "{'name':'web','namespace':'default','generation':3,"
            + "'creationTimestamp':'2024-05-01T10:00:00Z','labels':{'app':'web','tier':''},"
            + "'finalizers':['a/b']}";
    ObjectMeta meta = KubeJson.decode(json(in), ObjectMeta.class);
    assertThat(meta.creationTimestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(meta.labels()).containsEntry("tier", "");
    assertThat(meta.annotations()).isEmpty();
    assertThat(KubeJson.encodeToString(meta)).isEqualTo(in.replace('\'', '"'));
  }

  @Test
  void derivedAccessorsAreNotSerialized() {
    ObjectMeta meta = ObjectMeta.named("ns", "x");
    assertThat(KubeJson.encodeToString(meta)).isEqualTo("{\"name\":\"x\",\"namespace\":\"ns\"}");
  }

  @Test
  void mapsAreWrittenWithSortedKeys() {
    ObjectMeta meta =
        ObjectMeta.named("x").withLabels(new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1")));
    assertThat(KubeJson.encodeToString(meta))
        .isEqualTo("{\"name\":\"x\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}");
  }

  @Test
  void wrongTypesNameTheFieldPath() {
    assertThatThrownBy(() -> KubeJson.decode(json("{'generation':'3'}"), ObjectMeta.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage("generation: cannot unmarshal string into int64");
    assertThatThrownBy(() -> KubeJson.decode(json("{'name':5}"), ObjectMeta.class))
        .hasMessage("name: cannot unmarshal number into string");
    assertThatThrownBy(() -> KubeJson.decode(json("{'generation':1.5}"), ObjectMeta.class))
        .hasMessageStartingWith("generation: ");
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'ownerReferences':[{'uid':[]}]}"), ObjectMeta.class))
        .hasMessage("ownerReferences[0].uid: cannot unmarshal array into string");
    assertThatThrownBy(
            () -> KubeJson.decode(json("{'creationTimestamp':'yesterday'}"), ObjectMeta.class))
        .hasMessageStartingWith("creationTimestamp: invalid time \"yesterday\"");
  }

  @Test
  void malformedJsonIsABadRequestWithALocation() {
    assertThatThrownBy(() -> KubeJson.decode(json("{'name':"), ObjectMeta.class))
        .isInstanceOf(DecodeException.class)
        .hasMessageStartingWith("invalid JSON at line 1");
    assertThatThrownBy(() -> KubeJson.decode(new byte[0], ObjectMeta.class))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void unknownFieldsAreReportedWithTheirPaths() {
    byte[] in = json("{'name':'x','foo':1,'ownerReferences':[{'uid':'u','bar':{'x':1}}]}");
    Decoded<ObjectMeta> d = KubeJson.decode(in, ObjectMeta.class, FieldValidation.WARN);
    assertThat(d.value().name()).isEqualTo("x");
    assertThat(d.unknownFields()).containsExactlyInAnyOrder("foo", "ownerReferences[0].bar");
    assertThatThrownBy(() -> KubeJson.decode(in, ObjectMeta.class, FieldValidation.STRICT))
        .hasMessageStartingWith("strict decoding error: unknown field \"")
        .hasMessageContaining("unknown field \"foo\"")
        .hasMessageContaining("unknown field \"ownerReferences[0].bar\"");
    assertThat(KubeJson.decode(in, ObjectMeta.class, FieldValidation.IGNORE).unknownFields())
        .isEmpty();
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> KubeJson.parse(deep.getBytes(UTF_8)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("too complex");
  }

  @Test
  void duplicateKeysInTreesAreRefused() {
    assertThatThrownBy(() -> KubeJson.parse(json("{'a':1,'a':2}")))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void statusDefaultsItsTypeAndKeepsCode() {
    Status s = Status.failure(404, "NotFound", "pods \"x\" not found", null);
    assertThat(KubeJson.encodeToString(s))
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pods \\\"x\\\" not found\",\"reason\":\"NotFound\",\"code\":404}");
  }

  @Test
  void genericObjectsKeepEveryField() {
    byte[] in =
        json(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                + "'spec':{'size':3,'x-extra':[1,{'deep':true}]}}");
    GenericObject o = KubeJson.decode(in, GenericObject.class);
    assertThat(o.kind()).isEqualTo("Widget");
    assertThat(o.apiGroup()).isEqualTo("example.com");
    assertThat(o.metadata().name()).isEqualTo("w");
    assertThat(KubeJson.parse(KubeJson.encode(o))).isEqualTo(KubeJson.parse(in));
    GenericObject renamed = o.withMetadata(o.metadata().withName("v"));
    assertThat(renamed.metadata().name()).isEqualTo("v");
    assertThat(renamed.at("/spec/x-extra/1/deep").asBoolean()).isTrue();
    assertThat(o.metadata().name()).isEqualTo("w");
  }
}

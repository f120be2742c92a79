package dev.keelson.api.apiextensions.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class JSONSchemaPropsTest {
  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(UTF_8);
  }

  private static JSONSchemaProps decode(String s) {
    return KubeJson.decode(json(s), JSONSchemaProps.class);
  }

  private static void assertRoundTrips(String s) {
    assertThat(KubeJson.encodeToString(decode(s))).isEqualTo(s.replace('\'', '"'));
  }

  @Test
  void integralNumbersAreWrittenWithoutAFractionAsGoWritesFloat64() {
    assertRoundTrips("{'maximum':1,'minimum':0,'multipleOf':5}");
    assertRoundTrips("{'maximum':-3,'minimum':100000000000000000000}");
    JSONSchemaProps built = JSONSchemaPropsBuilder.builder().maximum(10.0).minimum(-0.0).build();
    assertThat(KubeJson.encodeToString(built)).isEqualTo("{\"maximum\":10,\"minimum\":0}");
    assertThat(decode("{'maximum':1}").maximum()).isEqualTo(1.0);
  }

  @Test
  void fractionalNumbersKeepTheirValue() {
    assertRoundTrips("{'maximum':0.75,'minimum':-1.5,'multipleOf':0.01}");
    assertThat(decode("{'multipleOf':0.01}").multipleOf()).isEqualTo(0.01);
  }

  @Test
  void hugeNumbersUseExponentNotationFromWhereGoDoes() {
    assertThat(GoFloatSerializer.format(1e20)).isEqualTo("100000000000000000000");
    assertThat(
            KubeJson.parse(KubeJson.encode(decode("{'maximum':1e21}"))).get("maximum").asDouble())
        .isEqualTo(1e21);
  }

  @Test
  void numbersMustBeNumbers() {
    assertThatThrownBy(() -> decode("{'properties':{'a':{'maximum':'10'}}}"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("properties.a.maximum: cannot unmarshal string into float64");
  }

  @Test
  void emptyAndFalsyDefaultsAreKept() {
    assertRoundTrips("{'default':{}}");
    assertRoundTrips("{'default':''}");
    assertRoundTrips("{'default':0}");
    assertRoundTrips("{'default':false}");
    assertRoundTrips("{'default':[]}");
    assertRoundTrips("{'enum':['',0,false,{},null],'example':{}}");
  }

  @Test
  void additionalPropertiesIsABoolOrASchema() {
    JSONSchemaProps no = decode("{'additionalProperties':false}");
    assertThat(no.additionalProperties()).isEqualTo(JSONSchemaPropsOrBool.of(false));
    JSONSchemaProps yes = decode("{'additionalProperties':true}");
    assertThat(yes.additionalProperties().allows()).isTrue();
    assertThat(yes.additionalProperties().isSchema()).isFalse();
    JSONSchemaProps schema = decode("{'additionalProperties':{'type':'string'}}");
    assertThat(schema.additionalProperties().schema()).isEqualTo(JSONSchemaProps.ofType("string"));
    assertRoundTrips("{'additionalProperties':false}");
    assertRoundTrips("{'additionalProperties':true}");
    assertRoundTrips("{'additionalProperties':{}}");
    assertRoundTrips("{'additionalProperties':{'type':'string'},'additionalItems':false}");
  }

  @Test
  void additionalPropertiesOfAnotherTypeIsADecodeErrorWithThePath() {
    String crd =
        "{'spec':{'versions':[{'name':'v1','schema':{'openAPIV3Schema':{'type':'object',"
            + "'properties':{'spec':{'type':'object','additionalProperties':'x'}}}}}]}}";
    assertThatThrownBy(() -> KubeJson.decode(json(crd), CustomResourceDefinition.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage(
            "spec.versions[0].schema.openAPIV3Schema.properties.spec.additionalProperties: "
                + "cannot unmarshal string into a bool or a schema object")
        .satisfies(
            e ->
                assertThat(((DecodeException) e).field())
                    .isEqualTo(
                        "spec.versions[0].schema.openAPIV3Schema.properties.spec"
                            + ".additionalProperties"));
    assertThatThrownBy(() -> decode("{'additionalItems':1}"))
        .hasMessage("additionalItems: cannot unmarshal number into a bool or a schema object");
  }

  @Test
  void itemsIsASchemaOrAnArrayOfSchemasAndKeepsItsForm() {
    JSONSchemaProps one = decode("{'items':{'type':'string'}}");
    assertThat(one.items().isArray()).isFalse();
    assertThat(one.items().schema()).isEqualTo(JSONSchemaProps.ofType("string"));
    JSONSchemaProps tuple = decode("{'items':[{'type':'string'},{'type':'integer'}]}");
    assertThat(tuple.items().isArray()).isTrue();
    assertThat(tuple.items().schemas())
        .containsExactly(JSONSchemaProps.ofType("string"), JSONSchemaProps.ofType("integer"));
    assertRoundTrips("{'items':{'type':'string'}}");
    assertRoundTrips("{'items':[{'type':'string'},{'type':'integer'}]}");
    assertRoundTrips("{'items':[]}");
    assertThatThrownBy(() -> decode("{'properties':{'a':{'items':true}}}"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("properties.a.items: cannot unmarshal bool into a schema object or an array");
  }

  @Test
  void dependenciesAreASchemaOrPropertyNames() {
    JSONSchemaProps s = decode("{'dependencies':{'a':['b','c'],'b':{'required':['a']}}}");
    assertThat(s.dependencies().get("a"))
        .isEqualTo(JSONSchemaPropsOrStringArray.ofProperties(List.of("b", "c")));
    assertThat(s.dependencies().get("b").schema().required()).containsExactly("a");
    assertRoundTrips("{'dependencies':{'a':['b','c'],'b':{'required':['a']}}}");
    assertThatThrownBy(() -> decode("{'dependencies':{'a':'b'}}"))
        .hasMessage(
            "dependencies.a: cannot unmarshal string into a schema object or a string array");
  }

  @Test
  void kubernetesExtensionsUseTheirJsonNames() {
    assertRoundTrips(
        "{'$schema':'http://json-schema.org/draft-04/schema#','$ref':'#/definitions/a',"
            + "'x-kubernetes-preserve-unknown-fields':true,'x-kubernetes-embedded-resource':true,"
            + "'x-kubernetes-int-or-string':true,'x-kubernetes-list-map-keys':['name'],"
            + "'x-kubernetes-list-type':'map','x-kubernetes-map-type':'atomic',"
            + "'x-kubernetes-validations':[{'rule':'self.a > 0','reason':'FieldValueForbidden',"
            + "'optionalOldSelf':true}]}");
    assertThat(
            decode("{'x-kubernetes-preserve-unknown-fields':true}")
                .xKubernetesPreserveUnknownFields())
        .isTrue();
  }

  @Test
  void validationRulesAreMergedByRule() throws Exception {
    var ann =
        JSONSchemaProps.class
            .getRecordComponents()[JSONSchemaProps.class.getRecordComponents().length - 1]
            .getAnnotation(dev.keelson.api.patch.PatchStrategy.class);
    assertThat(ann.merge()).isTrue();
    assertThat(ann.key()).isEqualTo("rule");
  }

  @Test
  void unionsRejectInconsistentForms() {
    assertThatThrownBy(() -> new JSONSchemaPropsOrBool(false, JSONSchemaProps.ofType("string")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new JSONSchemaPropsOrArray(
                    JSONSchemaProps.ofType("a"), List.of(JSONSchemaProps.ofType("b"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

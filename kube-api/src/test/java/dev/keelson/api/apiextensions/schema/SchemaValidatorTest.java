package dev.keelson.api.apiextensions.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom resource validation against openAPIV3Schema, with kube-apiserver's exact texts. */
class SchemaValidatorTest {
  static JsonNode json(String s) {
    return KubeJson.parse(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The errors of {@code spec} (a value of spec.x) against the schema {@code x} of spec.x. */
  static List<String> errors(String propertySchema, String value) {
    JsonNode schema =
        json(
            "{'type':'object','properties':{'spec':{'type':'object','properties':{'x':"
                + propertySchema
                + "}}}}");
    JsonNode obj =
        json("{'apiVersion':'a/v1','kind':'K','metadata':{'name':'n'},'spec':{'x':" + value + "}}");
    return SchemaValidator.validate(schema, obj).stream().map(FieldError::toString).toList();
  }

  @Test
  void maximumAndMinimum() {
    assertThat(errors("{'type':'integer','maximum':10}", "11"))
        .containsExactly(
            "spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10");
    assertThat(errors("{'type':'integer','maximum':10}", "10")).isEmpty();
    assertThat(errors("{'type':'integer','maximum':10,'exclusiveMaximum':true}", "10"))
        .containsExactly("spec.x: Invalid value: 10: spec.x in body should be less than 10");
    assertThat(errors("{'type':'integer','minimum':1}", "0"))
        .containsExactly(
            "spec.x: Invalid value: 0: spec.x in body should be greater than or equal to 1");
    assertThat(errors("{'type':'number','minimum':1.5,'exclusiveMinimum':true}", "1.5"))
        .containsExactly("spec.x: Invalid value: 1.5: spec.x in body should be greater than 1.5");
    assertThat(errors("{'type':'integer','multipleOf':3}", "7"))
        .containsExactly("spec.x: Invalid value: 7: spec.x in body should be a multiple of 3");
  }

  @Test
  void types() {
    assertThat(errors("{'type':'integer'}", "'two'"))
        .containsExactly(
            "spec.x: Invalid value: \"string\": spec.x in body must be of type integer: \"string\"");
    assertThat(errors("{'type':'integer'}", "1.5"))
        .containsExactly(
            "spec.x: Invalid value: \"number\": spec.x in body must be of type integer: \"number\"");
    assertThat(errors("{'type':'integer'}", "2.0")).isEmpty();
    assertThat(errors("{'type':'string'}", "true"))
        .containsExactly(
            "spec.x: Invalid value: \"boolean\": spec.x in body must be of type string: \"boolean\"");
    assertThat(errors("{'type':'object'}", "[]"))
        .containsExactly(
            "spec.x: Invalid value: \"array\": spec.x in body must be of type object: \"array\"");
    assertThat(errors("{'type':'boolean'}", "false")).isEmpty();
  }

  @Test
  void nullable() {
    assertThat(errors("{'type':'string'}", "null"))
        .containsExactly(
            "spec.x: Invalid value: \"null\": spec.x in body must be of type string: \"null\"");
    assertThat(errors("{'type':'string','nullable':true}", "null")).isEmpty();
  }

  @Test
  void requiredFields() {
    assertThat(
            errors(
                "{'type':'object','required':['a','b'],'properties':{'a':{'type':'string'}}}",
                "{'a':'x'}"))
        .containsExactly("spec.x.b: Required value");
  }

  @Test
  void enums() {
    assertThat(errors("{'type':'string','enum':['a','b']}", "'x'"))
        .containsExactly("spec.x: Unsupported value: \"x\": supported values: \"a\", \"b\"");
    assertThat(errors("{'type':'string','enum':['a','b']}", "'b'")).isEmpty();
    assertThat(errors("{'type':'integer','enum':[1,2]}", "2")).isEmpty();
  }

  @Test
  void strings() {
    assertThat(errors("{'type':'string','maxLength':3}", "'abcd'"))
        .containsExactly("spec.x: Too long: may not be more than 3 bytes");
    assertThat(errors("{'type':'string','minLength':3}", "'ab'"))
        .containsExactly(
            "spec.x: Invalid value: \"ab\": spec.x in body should be at least 3 chars long");
    assertThat(errors("{'type':'string','pattern':'^[a-z]+$'}", "'A1'"))
        .containsExactly("spec.x: Invalid value: \"A1\": spec.x in body should match '^[a-z]+$'");
    assertThat(errors("{'type':'string','pattern':'^[a-z]+$'}", "'abc'")).isEmpty();
  }

  @Test
  void formats() {
    assertThat(errors("{'type':'string','format':'date-time'}", "'yesterday'"))
        .containsExactly(
            "spec.x: Invalid value: \"yesterday\": spec.x in body must be of type date-time: \"yesterday\"");
    assertThat(errors("{'type':'string','format':'date-time'}", "'2024-01-02T03:04:05Z'"))
        .isEmpty();
    assertThat(errors("{'type':'string','format':'date'}", "'2024-01-02'")).isEmpty();
    assertThat(errors("{'type':'integer','format':'int32'}", "3000000000"))
        .containsExactly(
            "spec.x: Invalid value: 3000000000: spec.x in body must be of type int32: \"3000000000\"");
    assertThat(errors("{'type':'string','format':'unknown-format'}", "'x'")).isEmpty();
  }

  @Test
  void arrays() {
    assertThat(errors("{'type':'array','maxItems':2,'items':{'type':'integer'}}", "[1,2,3]"))
        .containsExactly("spec.x: Too many: 3: must have at most 2 items");
    assertThat(errors("{'type':'array','minItems':2,'items':{'type':'integer'}}", "[1]"))
        .containsExactly("spec.x: Invalid value: 1: spec.x in body should have at least 2 items");
    assertThat(errors("{'type':'array','uniqueItems':true,'items':{'type':'integer'}}", "[1,2,1]"))
        .containsExactly("spec.x[2]: Duplicate value: 1");
    assertThat(errors("{'type':'array','items':{'type':'integer','maximum':5}}", "[1,9]"))
        .containsExactly(
            "spec.x[1]: Invalid value: 9: spec.x[1] in body should be less than or equal to 5");
  }

  @Test
  void listTypes() {
    assertThat(
            errors(
                "{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}}",
                "['a','b','a']"))
        .containsExactly("spec.x[2]: Duplicate value: \"a\"");
    assertThat(
            errors(
                "{'type':'array','x-kubernetes-list-type':'atomic','items':{'type':'string'}}",
                "['a','a']"))
        .isEmpty();
    String map =
        "{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name','proto'],"
            + "'items':{'type':'object','properties':{'name':{'type':'string'},"
            + "'proto':{'type':'string','default':'TCP'}}}}";
    assertThat(errors(map, "[{'name':'a'},{'name':'a','proto':'UDP'}]")).isEmpty();
    assertThat(errors(map, "[{'name':'a'},{'name':'a','proto':'TCP'}]"))
        .containsExactly("spec.x[1]: Duplicate value: {\"name\":\"a\",\"proto\":\"TCP\"}");
  }

  @Test
  void intOrString() {
    String s = "{'x-kubernetes-int-or-string':true}";
    assertThat(errors(s, "1")).isEmpty();
    assertThat(errors(s, "'50%'")).isEmpty();
    assertThat(errors(s, "true"))
        .containsExactly(
            "spec.x: Invalid value: \"boolean\": spec.x in body must be of type integer,string: \"boolean\"");
  }

  @Test
  void embeddedResourcesNeedApiVersionAndKind() {
    String s =
        "{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true}";
    assertThat(errors(s, "{'metadata':{'name':'x'}}"))
        .containsExactly(
            "spec.x.apiVersion: Required value: must not be empty",
            "spec.x.kind: Required value: must not be empty");
    assertThat(errors(s, "{'apiVersion':'v1','kind':'Pod'}")).isEmpty();
  }

  @Test
  void additionalPropertiesValuesAreValidated() {
    assertThat(
            errors(
                "{'type':'object','additionalProperties':{'type':'integer'}}", "{'a':1,'b':'x'}"))
        .containsExactly(
            "spec.x.b: Invalid value: \"string\": spec.x.b in body must be of type integer: \"string\"");
  }

  @Test
  void junctors() {
    assertThat(errors("{'type':'integer','allOf':[{'minimum':2},{'maximum':4}]}", "5"))
        .containsExactly(
            "spec.x: Invalid value: 5: spec.x in body should be less than or equal to 4");
    assertThat(errors("{'type':'string','anyOf':[{'enum':['a']},{'pattern':'^b'}]}", "'bc'"))
        .isEmpty();
    assertThat(errors("{'type':'string','not':{'enum':['x']}}", "'x'")).hasSize(1);
  }

  @Test
  void metadataIsLeftToTheMetadataRules() {
    JsonNode schema =
        json("{'type':'object','required':['spec'],'properties':{'spec':{'type':'object'}}}");
    JsonNode obj =
        json("{'apiVersion':'a/v1','kind':'K','metadata':{'name':'n','labels':{'a':'b'}}}");
    assertThat(SchemaValidator.validate(schema, obj).stream().map(FieldError::toString))
        .containsExactly("spec: Required value");
  }
}

package dev.keelson.api.apiextensions.schema;

import static dev.keelson.api.apiextensions.schema.SchemaValidatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CRD validation and the structural schema rules, with kube-apiserver's paths and texts. */
class CrdValidationTest {
  static ObjectNode crd(String versions) {
    ObjectNode crd =
        (ObjectNode)
            json(
                "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                    + "'metadata':{'name':'things.example.com'},'spec':{'group':'example.com',"
                    + "'scope':'Namespaced','names':{'plural':'things','kind':'Thing'},"
                    + "'versions':"
                    + versions
                    + "}}");
    CrdValidation.applyDefaults(crd);
    return crd;
  }

  static String version(String name, boolean storage, String schema) {
    return "{'name':'"
        + name
        + "','served':true,'storage':"
        + storage
        + ",'schema':{'openAPIV3Schema':"
        + schema
        + "}}";
  }

  static List<String> errors(JsonNode crd) {
    return CrdValidation.validate(crd).stream().map(FieldError::toString).toList();
  }

  static List<String> schemaErrors(String schema) {
    return StructuralSchemas.validate(json(schema), "s").stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void aGoodCrdIsValidAndDefaulted() {
    ObjectNode crd = crd("[" + version("v1", true, "{'type':'object'}") + "]");
    assertThat(errors(crd)).isEmpty();
    assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("thing");
    assertThat(crd.at("/spec/names/listKind").asText()).isEqualTo("ThingList");
    assertThat(crd.at("/spec/conversion/strategy").asText()).isEqualTo("None");
  }

  @Test
  void theNameMustBePluralDotGroup() {
    ObjectNode crd = crd("[" + version("v1", true, "{'type':'object'}") + "]");
    ((ObjectNode) crd.get("metadata")).put("name", "other.example.com");
    assertThat(errors(crd))
        .containsExactly(
            "metadata.name: Invalid value: \"other.example.com\": must be spec.names.plural+\".\"+spec.group");
  }

  @Test
  void scopeGroupAndNames() {
    ObjectNode crd = crd("[" + version("v1", true, "{'type':'object'}") + "]");
    ((ObjectNode) crd.get("spec")).put("scope", "Global");
    assertThat(errors(crd))
        .containsExactly(
            "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"");
    ObjectNode noDot = crd("[" + version("v1", true, "{'type':'object'}") + "]");
    ((ObjectNode) noDot.get("spec")).put("group", "example");
    ((ObjectNode) noDot.get("metadata")).put("name", "things.example");
    assertThat(errors(noDot))
        .containsExactly(
            "spec.group: Invalid value: \"example\": should be a domain with at least one dot");
    ObjectNode badPlural = crd("[" + version("v1", true, "{'type':'object'}") + "]");
    ((ObjectNode) badPlural.at("/spec/names")).putArray("shortNames").add("Bad_Name");
    assertThat(errors(badPlural))
        .singleElement()
        .asString()
        .startsWith(
            "spec.names.shortNames[0]: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label");
  }

  @Test
  void exactlyOneStorageVersionAndOneServed() {
    assertThat(
            errors(
                crd(
                    "["
                        + version("v1", true, "{'type':'object'}")
                        + ","
                        + version("v2", true, "{'type':'object'}")
                        + "]")))
        .containsExactly(
            "spec.versions: Invalid value: 2: must have exactly one version marked as storage version");
    ObjectNode unserved =
        crd(
            "[{'name':'v1','served':false,'storage':true,'schema':{'openAPIV3Schema':{'type':'object'}}}]");
    assertThat(errors(unserved))
        .containsExactly(
            "spec.versions: Invalid value: \"\": must have at least one served version");
  }

  @Test
  void everyVersionNeedsASchema() {
    assertThat(errors(crd("[{'name':'v1','served':true,'storage':true}]")))
        .containsExactly(
            "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required");
  }

  @Test
  void structuralRules() {
    assertThat(schemaErrors("{'properties':{'a':{'type':'string'}}}"))
        .containsExactly("s.type: Required value: must not be empty at the root");
    assertThat(schemaErrors("{'type':'string'}"))
        .containsExactly("s.type: Invalid value: \"string\": must be object at the root");
    assertThat(schemaErrors("{'type':'object','properties':{'a':{}}}"))
        .containsExactly(
            "s.properties[a].type: Required value: must not be empty for specified object fields");
    assertThat(schemaErrors("{'type':'object','properties':{'a':{'type':'array'}}}"))
        .containsExactly("s.properties[a].items: Required value: must be specified");
    assertThat(schemaErrors("{'type':'object','properties':{'a':{'type':'array','items':{}}}}"))
        .containsExactly(
            "s.properties[a].items.type: Required value: must not be empty for specified array items");
    assertThat(schemaErrors("{'type':'object','additionalProperties':{'type':'string'}}"))
        .containsExactly("s.additionalProperties: Forbidden: must not be used at the root");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'object','properties':{'b':{'type':'string'}},"
                    + "'additionalProperties':{'type':'string'}}}}"))
        .containsExactly(
            "s.properties[a].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'x-kubernetes-int-or-string':true}}}"))
        .isEmpty();
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'x-kubernetes-preserve-unknown-fields':true}}}"))
        .isEmpty();
  }

  @Test
  void nestedJunctorsHoldValueValidationOnly() {
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'string','anyOf':[{'type':'string','description':'d'}]}}}"))
        .containsExactly(
            "s.properties[a].anyOf[0].description: Forbidden: must be empty to be structural",
            "s.properties[a].anyOf[0].type: Forbidden: must be empty to be structural");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'x-kubernetes-int-or-string':true,"
                    + "'anyOf':[{'type':'integer'},{'type':'string'}]}}}"))
        .isEmpty();
  }

  @Test
  void metadataMayOnlyRestrictNameAndGenerateName() {
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{'name':{'type':'string','maxLength':5}}}}}"))
        .isEmpty();
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{'labels':{'type':'object'}}}}}"))
        .containsExactly(
            "s.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified");
  }

  @Test
  void extensions() {
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'array','items':{'type':'object'},"
                    + "'x-kubernetes-list-type':'map'}}}"))
        .containsExactly(
            "s.properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'array','items':{'type':'string'},"
                    + "'x-kubernetes-list-type':'bag'}}}"))
        .containsExactly(
            "s.properties[a].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\"");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'object','x-kubernetes-embedded-resource':true}}}"))
        .containsExactly(
            "s.properties[a].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields");
    assertThat(
            schemaErrors(
                "{'type':'object','properties':{'a':{'type':'object','x-kubernetes-map-type':'weird'}}}"))
        .containsExactly(
            "s.properties[a].x-kubernetes-map-type: Unsupported value: \"weird\": supported values: \"granular\", \"atomic\"");
    assertThat(
            schemaErrors("{'type':'object','properties':{'a':{'type':'string','pattern':'(['}}}"))
        .singleElement()
        .asString()
        .startsWith(
            "s.properties[a].pattern: Invalid value: \"([\": must be a valid regular expression");
  }

  @Test
  void printerColumnsAndScalePaths() {
    ObjectNode crd =
        crd(
            "[{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object'}},"
                + "'additionalPrinterColumns':[{'name':'X','type':'float','jsonPath':'.spec.x'}],"
                + "'subresources':{'scale':{'specReplicasPath':'.replicas','statusReplicasPath':'.status.replicas'}}}]");
    assertThat(errors(crd))
        .containsExactly(
            "spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: \"float\": supported"
                + " values: \"integer\", \"number\", \"string\", \"boolean\", \"date\"",
            "spec.versions[0].subresources.scale.specReplicasPath: Invalid value: \".replicas\": should"
                + " be a json path under .spec");
  }
}

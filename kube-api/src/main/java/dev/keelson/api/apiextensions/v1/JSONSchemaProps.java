package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 4 subset with Kubernetes extensions) describing a custom resource or a part
 * of it; recursive.
 *
 * @param schema the {@code $schema} URL
 * @param ref the {@code $ref} (not allowed in CRDs, kept for round-tripping)
 * @param defaultValue the {@code default} value, any JSON
 * @param maximum a float64, written without a fraction when integral ({@code 10}, not {@code
 *     10.0}), as Go does
 * @param minimum a float64, written like {@link #maximum()}
 * @param multipleOf a float64, written like {@link #maximum()}
 * @param enumValues the {@code enum} values, any JSON
 * @param items one schema for all elements, or (rarely) one per position
 * @param additionalProperties {@code true}/{@code false} or a schema for the values of other keys
 * @param dependencies per property: a schema, or the names of properties it requires
 * @param additionalItems {@code true}/{@code false} or a schema
 * @param example an example value, any JSON
 * @param xKubernetesPreserveUnknownFields {@code x-kubernetes-preserve-unknown-fields}: do not
 *     prune unknown fields here
 * @param xKubernetesEmbeddedResource {@code x-kubernetes-embedded-resource}: the value is an object
 *     with apiVersion, kind and metadata
 * @param xKubernetesIntOrString {@code x-kubernetes-int-or-string}: the value is an integer or a
 *     string
 * @param xKubernetesListMapKeys {@code x-kubernetes-list-map-keys}: the keys of a list of type
 *     {@code map}
 * @param xKubernetesListType {@code x-kubernetes-list-type}: {@code atomic}, {@code set} or {@code
 *     map}
 * @param xKubernetesMapType {@code x-kubernetes-map-type}: {@code granular} or {@code atomic}
 * @param xKubernetesValidations {@code x-kubernetes-validations}: CEL rules, merged by {@code rule}
 */
@KubeModel
public record JSONSchemaProps(
    String id,
    @JsonProperty("$schema") String schema,
    @JsonProperty("$ref") String ref,
    String description,
    String type,
    String format,
    String title,
    @JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode defaultValue,
    @JsonSerialize(using = GoFloatSerializer.class) Double maximum,
    Boolean exclusiveMaximum,
    @JsonSerialize(using = GoFloatSerializer.class) Double minimum,
    Boolean exclusiveMinimum,
    Long maxLength,
    Long minLength,
    String pattern,
    Long maxItems,
    Long minItems,
    Boolean uniqueItems,
    @JsonSerialize(using = GoFloatSerializer.class) Double multipleOf,
    @JsonProperty("enum") List<JsonNode> enumValues,
    Long maxProperties,
    Long minProperties,
    List<String> required,
    JSONSchemaPropsOrArray items,
    List<JSONSchemaProps> allOf,
    List<JSONSchemaProps> oneOf,
    List<JSONSchemaProps> anyOf,
    JSONSchemaProps not,
    Map<String, JSONSchemaProps> properties,
    JSONSchemaPropsOrBool additionalProperties,
    Map<String, JSONSchemaProps> patternProperties,
    Map<String, JSONSchemaPropsOrStringArray> dependencies,
    JSONSchemaPropsOrBool additionalItems,
    Map<String, JSONSchemaProps> definitions,
    ExternalDocumentation externalDocs,
    @JsonProperty("example") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode example,
    Boolean nullable,
    @JsonProperty("x-kubernetes-preserve-unknown-fields") Boolean xKubernetesPreserveUnknownFields,
    @JsonProperty("x-kubernetes-embedded-resource") Boolean xKubernetesEmbeddedResource,
    @JsonProperty("x-kubernetes-int-or-string") Boolean xKubernetesIntOrString,
    @JsonProperty("x-kubernetes-list-map-keys") List<String> xKubernetesListMapKeys,
    @JsonProperty("x-kubernetes-list-type") String xKubernetesListType,
    @JsonProperty("x-kubernetes-map-type") String xKubernetesMapType,
    @JsonProperty("x-kubernetes-validations") @PatchStrategy(merge = true, key = "rule")
        List<ValidationRule> xKubernetesValidations)
    implements JSONSchemaPropsBuilder.With {
  public JSONSchemaProps {
    enumValues = Immutable.list(enumValues);
    required = Immutable.list(required);
    allOf = Immutable.list(allOf);
    oneOf = Immutable.list(oneOf);
    anyOf = Immutable.list(anyOf);
    properties = Immutable.map(properties);
    patternProperties = Immutable.map(patternProperties);
    dependencies = Immutable.map(dependencies);
    definitions = Immutable.map(definitions);
    xKubernetesListMapKeys = Immutable.list(xKubernetesListMapKeys);
    xKubernetesValidations = Immutable.list(xKubernetesValidations);
  }

  /** A schema of just a type, e.g. {@code JSONSchemaProps.ofType("string")}. */
  public static JSONSchemaProps ofType(String type) {
    return JSONSchemaPropsBuilder.builder().type(type).build();
  }
}

/**
 * {@code apiextensions.k8s.io/v1}: {@link
 * dev.keelson.api.apiextensions.v1.CustomResourceDefinition} and its OpenAPI v3 schema, {@link
 * dev.keelson.api.apiextensions.v1.JSONSchemaProps}.
 *
 * <p>The schema's unions ({@code items}: schema or array; {@code additionalProperties}: bool or
 * schema; {@code dependencies}: schema or string array) are records that remember which form they
 * were read in and write it back the same way. Schema numbers ({@code maximum}, {@code minimum},
 * {@code multipleOf}) are {@code Double}s written as Go writes a float64: {@code 1}, not {@code
 * 1.0}. Free-form values ({@code default}, {@code enum}, {@code example}) are JSON trees; an empty
 * {@code default: {}} or {@code default: ""} is kept.
 */
package dev.keelson.api.apiextensions.v1;

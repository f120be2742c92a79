/**
 * The OpenAPI v3 schemas of CustomResourceDefinitions at work, as kube-apiserver's apiextensions
 * server uses them: checking that a schema is structural ({@link
 * dev.keelson.api.apiextensions.schema.StructuralSchemas}), validating a whole CRD ({@link
 * dev.keelson.api.apiextensions.schema.CrdValidation}), and, for custom resources, pruning unknown
 * fields ({@link dev.keelson.api.apiextensions.schema.Pruning}), applying defaults ({@link
 * dev.keelson.api.apiextensions.schema.Defaulting}) and validating values ({@link
 * dev.keelson.api.apiextensions.schema.SchemaValidator}). Schemas are JSON trees as the CRD holds
 * them ({@code spec.versions[].schema.openAPIV3Schema}); errors are {@link
 * dev.keelson.api.validation.FieldError}s with kube-apiserver's paths and texts.
 */
package dev.keelson.api.apiextensions.schema;

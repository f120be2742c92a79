package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/** The validation schema of a custom resource version. */
@KubeModel
public record CustomResourceValidation(JSONSchemaProps openAPIV3Schema)
    implements CustomResourceValidationBuilder.With {}

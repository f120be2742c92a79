package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/** A link to external documentation of a schema. */
@KubeModel
public record ExternalDocumentation(String description, String url)
    implements ExternalDocumentationBuilder.With {}

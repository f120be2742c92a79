package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/**
 * An extra column that {@code kubectl get} shows for a custom resource.
 *
 * @param type the OpenAPI type of the column: integer, number, string, boolean or date
 * @param priority 0 for columns shown by default, higher for {@code -o wide}
 * @param jsonPath a simple JSON path evaluated against each object
 */
@KubeModel
public record CustomResourceColumnDefinition(
    String name, String type, String format, String description, Integer priority, String jsonPath)
    implements CustomResourceColumnDefinitionBuilder.With {}

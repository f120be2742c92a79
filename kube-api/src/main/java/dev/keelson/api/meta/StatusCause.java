package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;

/**
 * One cause of a failure, for example one invalid field.
 *
 * @param reason machine-readable, for example {@code FieldValueRequired}
 * @param field the field path, for example {@code spec.containers[0].name}
 */
@KubeModel
public record StatusCause(String reason, String message, String field)
    implements StatusCauseBuilder.With {}

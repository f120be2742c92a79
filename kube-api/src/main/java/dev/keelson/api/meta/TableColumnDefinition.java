package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;

/**
 * A column of a {@link Table}.
 *
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param priority 0 for columns always shown; higher only with {@code -o wide}
 */
@KubeModel
public record TableColumnDefinition(
    String name, String type, String format, String description, int priority)
    implements TableColumnDefinitionBuilder.With {}

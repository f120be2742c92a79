package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;

/**
 * The role a binding grants: a Role of the binding's namespace or a ClusterRole.
 *
 * @param kind {@code Role} or {@code ClusterRole}
 */
@KubeModel
public record RoleRef(String apiGroup, String kind, String name) implements RoleRefBuilder.With {}

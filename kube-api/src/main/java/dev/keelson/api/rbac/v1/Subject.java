package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;

/**
 * Who a binding grants a role to: a user, a group or a service account.
 *
 * @param kind {@code User}, {@code Group} or {@code ServiceAccount}
 * @param apiGroup {@code rbac.authorization.k8s.io} for users and groups, {@code ""} for service
 *     accounts
 * @param namespace the namespace of a service account
 */
@KubeModel
public record Subject(String kind, String apiGroup, String name, String namespace)
    implements SubjectBuilder.With {}

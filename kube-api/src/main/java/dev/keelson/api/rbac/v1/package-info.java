/**
 * {@code rbac.authorization.k8s.io/v1}: role-based access control. {@link
 * dev.keelson.api.rbac.v1.Role} and {@link dev.keelson.api.rbac.v1.ClusterRole} hold {@link
 * dev.keelson.api.rbac.v1.PolicyRule}s; {@link dev.keelson.api.rbac.v1.RoleBinding} and {@link
 * dev.keelson.api.rbac.v1.ClusterRoleBinding} grant a role ({@link
 * dev.keelson.api.rbac.v1.RoleRef}, immutable) to {@link dev.keelson.api.rbac.v1.Subject}s.
 */
package dev.keelson.api.rbac.v1;

/**
 * Role-based access control over Roles, ClusterRoles and their bindings ({@code
 * rbac.authorization.k8s.io/v1}), read from caches the store's watch keeps current, and the default
 * cluster roles and bindings Kubernetes bootstraps.
 */
package dev.keelson.apiserver.auth.rbac;

/**
 * The request front of the API server: authentication ({@link dev.keelson.apiserver.auth.authn}),
 * then authorization ({@link dev.keelson.apiserver.auth.authz}, RBAC in {@link
 * dev.keelson.apiserver.auth.rbac}), before a request reaches its handler.
 */
package dev.keelson.apiserver.auth;

/**
 * Authorization: may this user do this. {@link dev.keelson.apiserver.auth.authz.Authorizer} is the
 * SPI; {@link dev.keelson.apiserver.auth.authz.RequestInfo} derives a request's attributes as
 * Kubernetes does; the access review APIs ({@code kubectl auth can-i}) answer from the same
 * authorizer.
 */
package dev.keelson.apiserver.auth.authz;

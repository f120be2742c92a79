/**
 * Authentication: who sent a request. {@link dev.keelson.apiserver.auth.authn.Authenticator} is the
 * SPI; {@link dev.keelson.apiserver.auth.authn.AuthenticatorProvider}s are found with {@link
 * java.util.ServiceLoader}. Built in: client certificates of the cluster CA, a static token file
 * and ServiceAccount tokens (signed JWTs).
 */
package dev.keelson.apiserver.auth.authn;

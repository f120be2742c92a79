package dev.keelson.apiserver.auth.authz;

import dev.keelson.apiserver.auth.authn.UserInfo;

/** A user and what they ask: the input of an {@link Authorizer}. */
public record Attributes(UserInfo user, RequestInfo request) {
  /** The resource with its subresource, as rules name it ({@code pods/log}). */
  public String resourceAndSubresource() {
    return request.subresource().isEmpty()
        ? request.resource()
        : request.resource() + "/" + request.subresource();
  }
}

package dev.keelson.apiserver.auth.authz;

import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.meta.Status;

/** The 403 of a request the authorizer refused, worded as kube-apiserver words it. */
public final class Forbidden {
  private Forbidden() {}

  /** {@code User "bob" cannot list resource "pods" in API group "" in the namespace "a"}. */
  public static String message(Attributes a) {
    RequestInfo r = a.request();
    String user = a.user().name();
    if (!r.resourceRequest()) {
      return "User \"" + user + "\" cannot " + r.verb() + " path \"" + r.path() + "\"";
    }
    String where =
        r.namespace().isEmpty()
            ? "at the cluster scope"
            : "in the namespace \"" + r.namespace() + "\"";
    return "User \""
        + user
        + "\" cannot "
        + r.verb()
        + " resource \""
        + a.resourceAndSubresource()
        + "\" in API group \""
        + r.apiGroup()
        + "\" "
        + where;
  }

  /** The exception: {@code pods is forbidden: <message>[: reason]}. */
  public static ForbiddenException of(Attributes a, String reason) {
    String why = message(a) + (reason == null || reason.isEmpty() ? "" : ": " + reason);
    RequestInfo r = a.request();
    if (!r.resourceRequest()) {
      return new ForbiddenException(Status.failure(403, "Forbidden", "forbidden: " + why, null));
    }
    return ForbiddenException.of(GroupResource.of(r.apiGroup(), r.resource()), r.name(), why);
  }
}

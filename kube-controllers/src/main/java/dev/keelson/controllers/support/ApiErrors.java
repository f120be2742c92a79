package dev.keelson.controllers.support;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.meta.StatusCause;

/** Questions controllers ask about API errors. */
public final class ApiErrors {
  private ApiErrors() {}

  /**
   * Whether {@code e} refused a create because the namespace is being deleted (cause {@code
   * NamespaceTerminating}). Kubernetes' controllers drop such work instead of retrying it: the
   * namespace and everything in it are on their way out.
   */
  public static boolean namespaceTerminating(ApiException e) {
    if (e.details() != null) {
      for (StatusCause c : e.details().causes()) {
        if ("NamespaceTerminating".equals(c.reason())) {
          return true;
        }
      }
    }
    return String.valueOf(e.getMessage()).contains("because it is being terminated");
  }
}

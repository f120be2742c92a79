package dev.keelson.api.errors;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 405 MethodNotAllowed: the resource does not support the verb. */
public class MethodNotAllowedException extends ApiException {
  public MethodNotAllowedException(Status status) {
    super(status);
  }

  public static MethodNotAllowedException of(GroupResource resource, String action) {
    return new MethodNotAllowedException(
        failure(
            405,
            "MethodNotAllowed",
            action + " is not supported on resources of kind \"" + resource + "\"",
            new StatusDetails(null, resource.group(), resource.resource(), null, null, null)));
  }
}

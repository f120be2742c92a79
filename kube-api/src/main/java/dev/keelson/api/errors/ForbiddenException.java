package dev.keelson.api.errors;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 403 Forbidden: {@code pods "x" is forbidden: <why>}. */
public class ForbiddenException extends ApiException {
  public ForbiddenException(Status status) {
    super(status);
  }

  public static ForbiddenException of(GroupResource resource, String name, String why) {
    String msg =
        name == null || name.isEmpty()
            ? resource + " is forbidden: " + why
            : resource + " \"" + name + "\" is forbidden: " + why;
    return new ForbiddenException(
        failure(
            403,
            "Forbidden",
            msg,
            new StatusDetails(name, resource.group(), resource.resource(), null, null, null)));
  }
}

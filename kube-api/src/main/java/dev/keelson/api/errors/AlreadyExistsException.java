package dev.keelson.api.errors;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 409 AlreadyExists: {@code pods "x" already exists}. */
public class AlreadyExistsException extends ApiException {
  public AlreadyExistsException(Status status) {
    super(status);
  }

  public static AlreadyExistsException of(GroupResource resource, String name) {
    return new AlreadyExistsException(
        failure(
            409,
            "AlreadyExists",
            resource + " \"" + name + "\" already exists",
            new StatusDetails(name, resource.group(), resource.resource(), null, null, null)));
  }
}

package dev.keelson.api.errors;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import java.util.List;

/** 409 Conflict: {@code Operation cannot be fulfilled on pods "x": <why>}. */
public class ConflictException extends ApiException {
  public ConflictException(Status status) {
    super(status);
  }

  /** The message Kubernetes answers to a write with a stale resourceVersion. */
  public static final String OPTIMISTIC_LOCK_MESSAGE =
      "the object has been modified; please apply your changes to the latest version and try again";

  public static ConflictException of(GroupResource resource, String name, String why) {
    String msg =
        name == null || name.isEmpty()
            ? "Operation cannot be fulfilled on " + resource + ": " + why
            : "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why;
    return new ConflictException(
        failure(
            409,
            "Conflict",
            msg,
            new StatusDetails(name, resource.group(), resource.resource(), null, null, null)));
  }

  /** A conflict with causes, as server-side apply reports field manager conflicts. */
  public static ConflictException withCauses(
      GroupResource resource, String name, String message, List<StatusCause> causes) {
    return new ConflictException(
        failure(
            409,
            "Conflict",
            message,
            new StatusDetails(name, resource.group(), resource.resource(), null, causes, null)));
  }
}

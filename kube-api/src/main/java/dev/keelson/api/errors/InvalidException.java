package dev.keelson.api.errors;

import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import dev.keelson.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * 422 Invalid: {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be
 * greater than or equal to 0}, with one cause per field error.
 */
public class InvalidException extends ApiException {
  public InvalidException(Status status) {
    super(status);
  }

  /** An Invalid status for {@code errors} (at least one) of the object {@code name}. */
  public static InvalidException of(GroupVersionKind kind, String name, List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an Invalid error needs at least one field error");
    }
    String all =
        errors.size() == 1
            ? errors.get(0).toString()
            : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    List<StatusCause> causes = new ArrayList<>(errors.size());
    for (FieldError e : errors) {
      causes.add(e.toCause());
    }
    String message =
        kind.qualifiedKind() + " \"" + (name == null ? "" : name) + "\" is invalid: " + all;
    return new InvalidException(
        failure(
            422,
            "Invalid",
            message,
            new StatusDetails(name, kind.group(), kind.kind(), null, causes, null)));
  }

  /** The causes, one per invalid field. */
  public List<StatusCause> causes() {
    return details() == null ? List.of() : details().causes();
  }
}

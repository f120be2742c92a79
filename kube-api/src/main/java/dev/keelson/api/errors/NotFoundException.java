package dev.keelson.api.errors;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;

/** 404 NotFound: {@code pods "x" not found}. */
public class NotFoundException extends ApiException {
  public NotFoundException(Status status) {
    super(status);
  }

  public static NotFoundException of(GroupResource resource, String name) {
    String msg =
        name == null || name.isEmpty()
            ? resource + " not found"
            : resource + " \"" + name + "\" not found";
    return new NotFoundException(
        failure(
            404,
            "NotFound",
            msg,
            new StatusDetails(name, resource.group(), resource.resource(), null, null, null)));
  }

  /**
   * A 404 for a path that names no resource at all. Its details are empty but present ({@code
   * "details":{}}), as kube-apiserver's: kubectl reads them unguarded (an empty name tells {@code
   * kubectl debug} that the subresource is missing, not the pod).
   */
  public static NotFoundException of(String message) {
    return new NotFoundException(
        failure(404, "NotFound", message, new StatusDetails(null, null, null, null, null, null)));
  }
}

package dev.keelson.api.registry;

import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * A subresource of a resource, as discovery lists it ({@code deployments/scale}, {@code pods/log}).
 *
 * @param name the subresource name, for example {@code status}, {@code scale}, {@code exec}
 * @param kind the kind a request to it takes or returns ({@code autoscaling/v1 Scale} for {@code
 *     scale}, the resource's own kind for {@code status})
 * @param verbs the verbs it supports, in discovery's order
 */
public record Subresource(String name, GroupVersionKind kind, List<String> verbs) {
  public Subresource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    verbs = Immutable.list(verbs);
  }

  /** {@code status}: the object's own kind, read and written with get, patch and update. */
  public static Subresource status(GroupVersionKind ownKind) {
    return new Subresource("status", ownKind, Verbs.GET_PATCH_UPDATE);
  }

  /** {@code scale}: {@code autoscaling/v1 Scale}, read and written with get, patch and update. */
  public static Subresource scale() {
    return new Subresource("scale", ResourceType.SCALE_KIND, Verbs.GET_PATCH_UPDATE);
  }
}

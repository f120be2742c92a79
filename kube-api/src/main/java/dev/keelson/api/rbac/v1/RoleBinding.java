package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;

/**
 * Grants the permissions of a role (or cluster role) to subjects within a namespace.
 *
 * @param roleRef the role granted; cannot change after creation
 */
@KubeModel
public record RoleBinding(
    String apiVersion, String kind, ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef)
    implements KubernetesObject, RoleBindingBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "rbac.authorization.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "RoleBinding";

  public RoleBinding {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    subjects = Immutable.list(subjects);
  }

  @Override
  public RoleBinding withMetadata(ObjectMeta metadata) {
    return RoleBindingBuilder.With.super.withMetadata(metadata);
  }
}

package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;

/** A namespaced set of permissions. */
@KubeModel
public record Role(String apiVersion, String kind, ObjectMeta metadata, List<PolicyRule> rules)
    implements KubernetesObject, RoleBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "rbac.authorization.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "Role";

  public Role {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    rules = Immutable.list(rules);
  }

  @Override
  public Role withMetadata(ObjectMeta metadata) {
    return RoleBuilder.With.super.withMetadata(metadata);
  }
}

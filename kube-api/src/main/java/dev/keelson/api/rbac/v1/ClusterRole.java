package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;

/**
 * A cluster-wide set of permissions, optionally aggregated from other cluster roles.
 *
 * @param aggregationRule when set, the controller manager fills {@code rules} from the matching
 *     cluster roles
 */
@KubeModel
public record ClusterRole(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    List<PolicyRule> rules,
    AggregationRule aggregationRule)
    implements KubernetesObject, ClusterRoleBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "rbac.authorization.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "ClusterRole";

  public ClusterRole {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    rules = Immutable.list(rules);
  }

  @Override
  public ClusterRole withMetadata(ObjectMeta metadata) {
    return ClusterRoleBuilder.With.super.withMetadata(metadata);
  }
}

package dev.keelson.api.scheduling.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/**
 * Maps a priority class name to the integer priority of the pods that name it.
 *
 * @param value the priority; at most 1,000,000,000 for user-defined classes; immutable
 * @param globalDefault whether pods without a priority class get this one; at most one class may be
 *     the default
 * @param preemptionPolicy {@code PreemptLowerPriority} (the default) or {@code Never}; immutable
 */
@KubeModel
public record PriorityClass(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Integer value,
    Boolean globalDefault,
    String description,
    String preemptionPolicy)
    implements KubernetesObject, PriorityClassBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "scheduling.k8s.io/v1";

  /** The kind. */
  public static final String KIND = "PriorityClass";

  public PriorityClass {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    value = value == null ? 0 : value; // int32 without omitempty: always written
  }

  @Override
  public PriorityClass withMetadata(ObjectMeta metadata) {
    return PriorityClassBuilder.With.super.withMetadata(metadata);
  }
}

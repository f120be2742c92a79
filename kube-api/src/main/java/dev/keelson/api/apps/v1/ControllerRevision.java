package dev.keelson.api.apps.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/**
 * An immutable snapshot of state a controller (StatefulSet, DaemonSet) can roll back to.
 *
 * @param data the snapshot, any JSON object ({@code runtime.RawExtension})
 * @param revision the revision number, increasing per owner
 */
@KubeModel
public record ControllerRevision(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode data,
    Long revision)
    implements KubernetesObject, ControllerRevisionBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "apps/v1";

  /** The kind. */
  public static final String KIND = "ControllerRevision";

  public ControllerRevision {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public ControllerRevision withMetadata(ObjectMeta metadata) {
    return ControllerRevisionBuilder.With.super.withMetadata(metadata);
  }
}

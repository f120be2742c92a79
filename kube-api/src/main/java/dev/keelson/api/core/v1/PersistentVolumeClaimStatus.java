package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/** The current status of a persistent volume claim. */
@KubeModel
public record PersistentVolumeClaimStatus(
    String phase,
    List<String> accessModes,
    Map<String, Quantity> capacity,
    @PatchStrategy(merge = true, key = "type") List<PersistentVolumeClaimCondition> conditions,
    Map<String, Quantity> allocatedResources,
    Map<String, String> allocatedResourceStatuses,
    String currentVolumeAttributesClassName,
    ModifyVolumeStatus modifyVolumeStatus,
    VolumeHealthStatus healthStatus)
    implements PersistentVolumeClaimStatusBuilder.With {
  public PersistentVolumeClaimStatus {
    accessModes = Immutable.list(accessModes);
    capacity = Immutable.map(capacity);
    conditions = Immutable.list(conditions);
    allocatedResources = Immutable.map(allocatedResources);
    allocatedResourceStatuses = Immutable.map(allocatedResourceStatuses);
  }

  /** The condition of the given type, or {@code null}. */
  public PersistentVolumeClaimCondition condition(String type) {
    for (PersistentVolumeClaimCondition c : conditions) {
      if (c.type().equals(type)) {
        return c;
      }
    }
    return null;
  }
}

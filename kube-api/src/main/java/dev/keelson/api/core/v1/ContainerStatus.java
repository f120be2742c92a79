package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/** Contains details for the current status of this container. */
@KubeModel
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    Boolean ready,
    Integer restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started,
    Map<String, Quantity> allocatedResources,
    ResourceRequirements resources,
    @PatchStrategy(merge = true, key = "mountPath") List<VolumeMountStatus> volumeMounts,
    ContainerUser user,
    @PatchStrategy(merge = true, key = "name") List<ResourceStatus> allocatedResourcesStatus,
    String stopSignal)
    implements ContainerStatusBuilder.With {
  public ContainerStatus {
    allocatedResources = Immutable.map(allocatedResources);
    volumeMounts = Immutable.list(volumeMounts);
    allocatedResourcesStatus = Immutable.list(allocatedResourcesStatus);
  }
}

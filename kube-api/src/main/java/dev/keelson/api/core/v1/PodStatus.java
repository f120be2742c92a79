package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.internal.Named;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Represents information about the status of a pod. */
@KubeModel
public record PodStatus(
    Long observedGeneration,
    String phase,
    @PatchStrategy(merge = true, key = "type") List<PodCondition> conditions,
    String message,
    String reason,
    String nominatedNodeName,
    String hostIP,
    @PatchStrategy(merge = true, key = "ip") List<HostIP> hostIPs,
    String podIP,
    @PatchStrategy(merge = true, key = "ip") List<PodIP> podIPs,
    Instant startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses,
    String qosClass,
    List<ContainerStatus> ephemeralContainerStatuses,
    String resize,
    @PatchStrategy(merge = true, key = "name", retainKeys = true)
        List<PodResourceClaimStatus> resourceClaimStatuses,
    PodExtendedResourceClaimStatus extendedResourceClaimStatus,
    Map<String, Quantity> allocatedResources,
    ResourceRequirements resources,
    @PatchStrategy(merge = true, key = "resourceClaimName")
        List<NodeAllocatableResourceClaimStatus> nodeAllocatableResourceClaimStatuses,
    List<PodVolumeHealth> volumeHealth)
    implements PodStatusBuilder.With {
  public PodStatus {
    conditions = Immutable.list(conditions);
    hostIPs = Immutable.list(hostIPs);
    podIPs = Immutable.list(podIPs);
    initContainerStatuses = Immutable.list(initContainerStatuses);
    containerStatuses = Immutable.list(containerStatuses);
    ephemeralContainerStatuses = Immutable.list(ephemeralContainerStatuses);
    resourceClaimStatuses = Immutable.list(resourceClaimStatuses);
    allocatedResources = Immutable.map(allocatedResources);
    nodeAllocatableResourceClaimStatuses = Immutable.list(nodeAllocatableResourceClaimStatuses);
    volumeHealth = Immutable.list(volumeHealth);
  }

  /**
   * The condition of the given type ({@code Ready}, {@code PodScheduled}, ...), or {@code null}.
   */
  public PodCondition condition(String type) {
    for (PodCondition c : conditions) {
      if (c.type().equals(type)) {
        return c;
      }
    }
    return null;
  }

  /** The status of the named container (regular, init or ephemeral), or {@code null}. */
  public ContainerStatus containerStatus(String name) {
    for (List<ContainerStatus> statuses :
        List.of(containerStatuses, initContainerStatuses, ephemeralContainerStatuses)) {
      ContainerStatus s = Named.find(statuses, ContainerStatus::name, name);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** Whether the pod's {@code Ready} condition is {@code True}. */
  public boolean isReady() {
    PodCondition ready = condition("Ready");
    return ready != null && "True".equals(ready.status());
  }
}

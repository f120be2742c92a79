package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/** Information about the current status of a node. */
@KubeModel
public record NodeStatus(
    Map<String, Quantity> capacity,
    Map<String, Quantity> allocatable,
    String phase,
    @PatchStrategy(merge = true, key = "type") List<NodeCondition> conditions,
    @PatchStrategy(merge = true, key = "type") List<NodeAddress> addresses,
    NodeDaemonEndpoints daemonEndpoints,
    NodeSystemInfo nodeInfo,
    List<ContainerImage> images,
    List<String> volumesInUse,
    List<AttachedVolume> volumesAttached,
    NodeConfigStatus config,
    List<NodeRuntimeHandler> runtimeHandlers,
    NodeFeatures features,
    List<String> declaredFeatures)
    implements NodeStatusBuilder.With {
  public NodeStatus {
    capacity = Immutable.map(capacity);
    allocatable = Immutable.map(allocatable);
    conditions = Immutable.list(conditions);
    addresses = Immutable.list(addresses);
    images = Immutable.list(images);
    volumesInUse = Immutable.list(volumesInUse);
    volumesAttached = Immutable.list(volumesAttached);
    runtimeHandlers = Immutable.list(runtimeHandlers);
    declaredFeatures = Immutable.list(declaredFeatures);
  }

  /**
   * The condition of the given type ({@code Ready}, {@code MemoryPressure}, ...), or {@code null}.
   */
  public NodeCondition condition(String type) {
    for (NodeCondition c : conditions) {
      if (c.type().equals(type)) {
        return c;
      }
    }
    return null;
  }
}

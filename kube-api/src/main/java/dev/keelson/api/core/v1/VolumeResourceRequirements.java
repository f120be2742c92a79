package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.Quantity;
import java.util.Map;

/** Describes the storage resource requirements for a volume. */
@KubeModel
public record VolumeResourceRequirements(
    Map<String, Quantity> limits, Map<String, Quantity> requests)
    implements VolumeResourceRequirementsBuilder.With {
  public VolumeResourceRequirements {
    limits = Immutable.map(limits);
    requests = Immutable.map(requests);
  }
}

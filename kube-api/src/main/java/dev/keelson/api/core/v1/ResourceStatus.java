package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents the status of a single resource allocated to a Pod. */
@KubeModel
public record ResourceStatus(String name, List<ResourceHealth> resources)
    implements ResourceStatusBuilder.With {
  public ResourceStatus {
    resources = Immutable.list(resources);
  }
}

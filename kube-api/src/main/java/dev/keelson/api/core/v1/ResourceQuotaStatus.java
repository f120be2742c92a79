package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.Quantity;
import java.util.Map;

/** The enforced limits and the current usage of a resource quota. */
@KubeModel
public record ResourceQuotaStatus(Map<String, Quantity> hard, Map<String, Quantity> used)
    implements ResourceQuotaStatusBuilder.With {
  public ResourceQuotaStatus {
    hard = Immutable.map(hard);
    used = Immutable.map(used);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * A node selector requirement is a selector that contains values, a key, and an operator that
 * relates the key and values.
 */
@KubeModel
public record NodeSelectorRequirement(String key, String operator, List<String> values)
    implements NodeSelectorRequirementBuilder.With {
  public NodeSelectorRequirement {
    values = Immutable.list(values);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * One scope expression of a quota's scope selector.
 *
 * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
 */
@KubeModel
public record ScopedResourceSelectorRequirement(
    String scopeName, String operator, List<String> values)
    implements ScopedResourceSelectorRequirementBuilder.With {
  public ScopedResourceSelectorRequirement {
    values = Immutable.list(values);
  }
}

package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * One requirement of a {@link LabelSelector}.
 *
 * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
 * @param values non-empty for In and NotIn, empty for Exists and DoesNotExist
 */
@KubeModel
public record LabelSelectorRequirement(String key, String operator, List<String> values)
    implements LabelSelectorRequirementBuilder.With {
  public LabelSelectorRequirement {
    values = Immutable.list(values);
  }
}

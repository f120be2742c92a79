package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/** Information about the current status of a Namespace. */
@KubeModel
public record NamespaceStatus(
    String phase, @PatchStrategy(merge = true, key = "type") List<NamespaceCondition> conditions)
    implements NamespaceStatusBuilder.With {
  public NamespaceStatus {
    conditions = Immutable.list(conditions);
  }

  /** The condition of the given type, or {@code null}. */
  public NamespaceCondition condition(String type) {
    for (NamespaceCondition c : conditions) {
      if (c.type().equals(type)) {
        return c;
      }
    }
    return null;
  }
}

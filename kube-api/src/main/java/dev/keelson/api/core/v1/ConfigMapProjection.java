package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Adapts a ConfigMap into a projected volume. */
@KubeModel
public record ConfigMapProjection(String name, List<KeyToPath> items, Boolean optional)
    implements ConfigMapProjectionBuilder.With {
  public ConfigMapProjection {
    items = Immutable.list(items);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Adapts a ConfigMap into a volume. */
@KubeModel
public record ConfigMapVolumeSource(
    String name, List<KeyToPath> items, Integer defaultMode, Boolean optional, Long defaultUser)
    implements ConfigMapVolumeSourceBuilder.With {
  public ConfigMapVolumeSource {
    items = Immutable.list(items);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents a volume containing downward API info. */
@KubeModel
public record DownwardAPIVolumeSource(
    List<DownwardAPIVolumeFile> items, Integer defaultMode, Long defaultUser)
    implements DownwardAPIVolumeSourceBuilder.With {
  public DownwardAPIVolumeSource {
    items = Immutable.list(items);
  }
}

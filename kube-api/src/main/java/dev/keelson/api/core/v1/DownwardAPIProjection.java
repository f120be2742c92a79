package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents downward API info for projecting into a projected volume. */
@KubeModel
public record DownwardAPIProjection(List<DownwardAPIVolumeFile> items)
    implements DownwardAPIProjectionBuilder.With {
  public DownwardAPIProjection {
    items = Immutable.list(items);
  }
}

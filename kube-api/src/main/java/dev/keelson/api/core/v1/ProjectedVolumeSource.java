package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents a projected volume source */
@KubeModel
public record ProjectedVolumeSource(
    List<VolumeProjection> sources, Integer defaultMode, Long defaultUser)
    implements ProjectedVolumeSourceBuilder.With {
  public ProjectedVolumeSource {
    sources = Immutable.list(sources);
  }
}

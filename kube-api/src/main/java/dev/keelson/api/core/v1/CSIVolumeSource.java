package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.Map;

/** Represents a source location of a volume to mount, managed by an external CSI driver */
@KubeModel
public record CSIVolumeSource(
    String driver,
    Boolean readOnly,
    String fsType,
    Map<String, String> volumeAttributes,
    LocalObjectReference nodePublishSecretRef)
    implements CSIVolumeSourceBuilder.With {
  public CSIVolumeSource {
    volumeAttributes = Immutable.map(volumeAttributes);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.Map;

/**
 * FlexVolume represents a generic volume resource that is provisioned/attached using an exec based
 * plugin.
 */
@KubeModel
public record FlexVolumeSource(
    String driver,
    String fsType,
    LocalObjectReference secretRef,
    Boolean readOnly,
    Map<String, String> options)
    implements FlexVolumeSourceBuilder.With {
  public FlexVolumeSource {
    options = Immutable.map(options);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents a Fibre Channel volume. */
@KubeModel
public record FCVolumeSource(
    List<String> targetWWNs, Integer lun, String fsType, Boolean readOnly, List<String> wwids)
    implements FCVolumeSourceBuilder.With {
  public FCVolumeSource {
    targetWWNs = Immutable.list(targetWWNs);
    wwids = Immutable.list(wwids);
  }
}

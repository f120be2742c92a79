package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents an ISCSI disk. */
@KubeModel
public record ISCSIVolumeSource(
    String targetPortal,
    String iqn,
    Integer lun,
    String iscsiInterface,
    String fsType,
    Boolean readOnly,
    List<String> portals,
    Boolean chapAuthDiscovery,
    Boolean chapAuthSession,
    LocalObjectReference secretRef,
    String initiatorName)
    implements ISCSIVolumeSourceBuilder.With {
  public ISCSIVolumeSource {
    portals = Immutable.list(portals);
  }
}

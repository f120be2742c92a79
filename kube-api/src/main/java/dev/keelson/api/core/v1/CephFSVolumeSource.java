package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Represents a Ceph Filesystem mount that lasts the lifetime of a pod Cephfs volumes do not support
 * ownership management or SELinux relabeling.
 */
@KubeModel
public record CephFSVolumeSource(
    List<String> monitors,
    String path,
    String user,
    String secretFile,
    LocalObjectReference secretRef,
    Boolean readOnly)
    implements CephFSVolumeSourceBuilder.With {
  public CephFSVolumeSource {
    monitors = Immutable.list(monitors);
  }
}

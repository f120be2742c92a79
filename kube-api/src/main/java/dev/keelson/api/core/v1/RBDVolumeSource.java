package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents a Rados Block Device mount that lasts the lifetime of a pod. */
@KubeModel
public record RBDVolumeSource(
    List<String> monitors,
    String image,
    String fsType,
    String pool,
    String user,
    String keyring,
    LocalObjectReference secretRef,
    Boolean readOnly)
    implements RBDVolumeSourceBuilder.With {
  public RBDVolumeSource {
    monitors = Immutable.list(monitors);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Describes a mounting of a Volume within a container. */
@KubeModel
public record VolumeMount(
    String name,
    Boolean readOnly,
    String recursiveReadOnly,
    String mountPath,
    String subPath,
    String mountPropagation,
    String subPathExpr,
    List<String> bindMountOptions)
    implements VolumeMountBuilder.With {
  public VolumeMount {
    bindMountOptions = Immutable.list(bindMountOptions);
  }
}

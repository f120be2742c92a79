package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Describe a container image */
@KubeModel
public record ContainerImage(List<String> names, Long sizeBytes)
    implements ContainerImageBuilder.With {
  public ContainerImage {
    names = Immutable.list(names);
  }
}

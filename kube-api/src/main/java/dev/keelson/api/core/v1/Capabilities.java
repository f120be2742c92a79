package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Adds and removes POSIX capabilities from running containers. */
@KubeModel
public record Capabilities(List<String> add, List<String> drop)
    implements CapabilitiesBuilder.With {
  public Capabilities {
    add = Immutable.list(add);
    drop = Immutable.list(drop);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts
 * file.
 */
@KubeModel
public record HostAlias(String ip, List<String> hostnames) implements HostAliasBuilder.With {
  public HostAlias {
    hostnames = Immutable.list(hostnames);
  }
}

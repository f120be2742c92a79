package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Represents user identity information in Linux containers */
@KubeModel
public record LinuxContainerUser(Long uid, Long gid, List<Long> supplementalGroups)
    implements LinuxContainerUserBuilder.With {
  public LinuxContainerUser {
    supplementalGroups = Immutable.list(supplementalGroups);
  }
}

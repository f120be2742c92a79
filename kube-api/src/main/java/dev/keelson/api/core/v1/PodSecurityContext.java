package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Holds pod-level security attributes and common container settings. */
@KubeModel
public record PodSecurityContext(
    SELinuxOptions seLinuxOptions,
    WindowsSecurityContextOptions windowsOptions,
    Long runAsUser,
    Long runAsGroup,
    Boolean runAsNonRoot,
    List<Long> supplementalGroups,
    String supplementalGroupsPolicy,
    Long fsGroup,
    List<Sysctl> sysctls,
    String fsGroupChangePolicy,
    SeccompProfile seccompProfile,
    AppArmorProfile appArmorProfile,
    String seLinuxChangePolicy)
    implements PodSecurityContextBuilder.With {
  public PodSecurityContext {
    supplementalGroups = Immutable.list(supplementalGroups);
    sysctls = Immutable.list(sysctls);
  }
}

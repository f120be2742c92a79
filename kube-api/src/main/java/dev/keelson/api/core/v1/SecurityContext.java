package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Holds security configuration that will be applied to a container. */
@KubeModel
public record SecurityContext(
    Capabilities capabilities,
    Boolean privileged,
    SELinuxOptions seLinuxOptions,
    WindowsSecurityContextOptions windowsOptions,
    Long runAsUser,
    Long runAsGroup,
    Boolean runAsNonRoot,
    Boolean readOnlyRootFilesystem,
    Boolean allowPrivilegeEscalation,
    String procMount,
    SeccompProfile seccompProfile,
    AppArmorProfile appArmorProfile)
    implements SecurityContextBuilder.With {}

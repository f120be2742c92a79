package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** WindowsSecurityContextOptions contain Windows-specific options and credentials. */
@KubeModel
public record WindowsSecurityContextOptions(
    String gmsaCredentialSpecName,
    String gmsaCredentialSpec,
    String runAsUserName,
    Boolean hostProcess)
    implements WindowsSecurityContextOptionsBuilder.With {}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.Map;

/** PodCertificateProjection provides a private key and X.509 certificate in the pod filesystem. */
@KubeModel
public record PodCertificateProjection(
    String signerName,
    String keyType,
    Integer maxExpirationSeconds,
    String credentialBundlePath,
    String keyPath,
    String certificateChainPath,
    Map<String, String> userAnnotations,
    Long user)
    implements PodCertificateProjectionBuilder.With {
  public PodCertificateProjection {
    userAnnotations = Immutable.map(userAnnotations);
  }
}

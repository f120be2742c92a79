package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Projection that may be projected along with other supported volume types. */
@KubeModel
public record VolumeProjection(
    SecretProjection secret,
    DownwardAPIProjection downwardAPI,
    ConfigMapProjection configMap,
    ServiceAccountTokenProjection serviceAccountToken,
    ClusterTrustBundleProjection clusterTrustBundle,
    PodCertificateProjection podCertificate)
    implements VolumeProjectionBuilder.With {}

package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/**
 * Enables the {@code /scale} subresource and says where its values live in the custom resource.
 *
 * @param specReplicasPath JSON path of the desired replicas, e.g. {@code .spec.replicas}
 * @param statusReplicasPath JSON path of the observed replicas, e.g. {@code .status.replicas}
 * @param labelSelectorPath JSON path of the serialized label selector in status, if any
 */
@KubeModel
public record CustomResourceSubresourceScale(
    String specReplicasPath, String statusReplicasPath, String labelSelectorPath)
    implements CustomResourceSubresourceScaleBuilder.With {}

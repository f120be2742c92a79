package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keelson.api.KubeModel;

/**
 * The subresources a custom resource version enables; {@code status: {}} enables {@code /status}.
 */
@KubeModel
public record CustomResourceSubresources(
    @JsonInclude(JsonInclude.Include.NON_NULL) CustomResourceSubresourceStatus status,
    CustomResourceSubresourceScale scale)
    implements CustomResourceSubresourcesBuilder.With {}

package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/**
 * How objects are converted between the versions of a custom resource.
 *
 * @param strategy {@code None} or {@code Webhook}
 */
@KubeModel
public record CustomResourceConversion(String strategy, WebhookConversion webhook)
    implements CustomResourceConversionBuilder.With {}

package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * The conversion webhook of a custom resource.
 *
 * @param conversionReviewVersions the ConversionReview versions the webhook understands, preferred
 *     first
 */
@KubeModel
public record WebhookConversion(
    WebhookClientConfig clientConfig, List<String> conversionReviewVersions)
    implements WebhookConversionBuilder.With {
  public WebhookConversion {
    conversionReviewVersions = Immutable.list(conversionReviewVersions);
  }
}

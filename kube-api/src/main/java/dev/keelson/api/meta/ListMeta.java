package dev.keelson.api.meta;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keelson.api.KubeModel;

/**
 * Metadata of a list ({@code metav1.ListMeta}).
 *
 * @param continueToken the token for the next page ({@code continue} on the wire), or {@code null}
 *     on the last page
 * @param remainingItemCount an estimate of the items after this page, when known
 */
@KubeModel
public record ListMeta(
    String selfLink,
    String resourceVersion,
    @JsonProperty("continue") String continueToken,
    Long remainingItemCount)
    implements ListMetaBuilder.With {

  /** List metadata with just a resource version. */
  public static ListMeta at(String resourceVersion) {
    return new ListMeta(null, resourceVersion, null, null);
  }
}

package dev.keelson.client;

/** The kinds of patch the API accepts, by their media types. */
public enum PatchType {
  /** RFC 6902 JSON patch: an array of operations. */
  JSON("application/json-patch+json"),
  /** RFC 7386 JSON merge patch: {@code null} deletes a field, lists are replaced. */
  MERGE("application/merge-patch+json"),
  /**
   * Kubernetes' strategic merge patch: lists merge by key as the kind declares. Built-in kinds
   * only; custom resources answer 415.
   */
  STRATEGIC_MERGE("application/strategic-merge-patch+json");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The {@code Content-Type} of the request. */
  public String mediaType() {
    return mediaType;
  }
}

package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;

/**
 * The result of an operation that returns no object, and every error ({@code metav1.Status}).
 *
 * @param status {@code Success} or {@code Failure}
 * @param reason machine-readable reason, for example {@code NotFound} or {@code Invalid}
 * @param code the HTTP status code
 */
@KubeModel
public record Status(
    String apiVersion,
    String kind,
    ListMeta metadata,
    String status,
    String message,
    String reason,
    StatusDetails details,
    Integer code)
    implements StatusBuilder.With {

  public static final String SUCCESS = "Success";
  public static final String FAILURE = "Failure";

  public Status {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Status" : kind;
    metadata = metadata == null ? new ListMeta(null, null, null, null) : metadata;
  }

  /** A failure status. */
  public static Status failure(int code, String reason, String message, StatusDetails details) {
    return new Status(null, null, null, FAILURE, message, reason, details, code);
  }

  /** A success status, as answered to a DELETE that leaves nothing to return. */
  public static Status success(StatusDetails details) {
    return new Status(null, null, null, SUCCESS, null, null, details, 200);
  }
}

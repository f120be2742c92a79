package dev.keelson.api.errors;

import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusDetails;
import java.util.Objects;

/**
 * An error of the Kubernetes API, carrying the {@link Status} the server answers with. Each
 * subclass is one reason (NotFound, Conflict, Invalid, ...), so that servers build the right answer
 * and clients, controllers included, can {@code catch} the case they handle. {@link #of(Status)}
 * maps a status received from a server back to its subclass.
 */
public class ApiException extends RuntimeException {
  private final Status status;

  public ApiException(Status status) {
    super(Objects.requireNonNull(status, "status").message());
    this.status = status;
  }

  public ApiException(Status status, Throwable cause) {
    super(Objects.requireNonNull(status, "status").message(), cause);
    this.status = status;
  }

  /** The status to answer (server) or that was answered (client). */
  public Status status() {
    return status;
  }

  /** The HTTP status code. */
  public int code() {
    return status.code() == null ? 500 : status.code();
  }

  /** The machine-readable reason, for example {@code NotFound}; may be empty. */
  public String reason() {
    return status.reason() == null ? "" : status.reason();
  }

  /** The status details, or {@code null}. */
  public StatusDetails details() {
    return status.details();
  }

  static Status failure(int code, String reason, String message, StatusDetails details) {
    return Status.failure(code, reason, message, details);
  }

  /**
   * The exception for a failure status received from a server: the subclass for its reason (or,
   * without a known reason, for its code), else a plain {@code ApiException}.
   */
  public static ApiException of(Status status) {
    String reason = status.reason() == null ? "" : status.reason();
    int code = status.code() == null ? 0 : status.code();
    return switch (reason) {
      case "BadRequest" -> new BadRequestException(status);
      case "Unauthorized" -> new UnauthorizedException(status);
      case "Forbidden" -> new ForbiddenException(status);
      case "NotFound" -> new NotFoundException(status);
      case "MethodNotAllowed" -> new MethodNotAllowedException(status);
      case "NotAcceptable" -> new NotAcceptableException(status);
      case "AlreadyExists" -> new AlreadyExistsException(status);
      case "Conflict" -> new ConflictException(status);
      case "Gone", "Expired" -> new GoneException(status);
      case "RequestEntityTooLarge" -> new RequestEntityTooLargeException(status);
      case "UnsupportedMediaType" -> new UnsupportedMediaTypeException(status);
      case "Invalid" -> new InvalidException(status);
      case "TooManyRequests" -> new TooManyRequestsException(status);
      case "InternalError" -> new InternalErrorException(status);
      case "ServiceUnavailable" -> new ServiceUnavailableException(status);
      case "Timeout" -> new ApiTimeoutException(status);
      default -> byCode(code, status);
    };
  }

  private static ApiException byCode(int code, Status status) {
    return switch (code) {
      case 400 -> new BadRequestException(status);
      case 401 -> new UnauthorizedException(status);
      case 403 -> new ForbiddenException(status);
      case 404 -> new NotFoundException(status);
      case 405 -> new MethodNotAllowedException(status);
      case 406 -> new NotAcceptableException(status);
      case 409 -> new ConflictException(status);
      case 410 -> new GoneException(status);
      case 413 -> new RequestEntityTooLargeException(status);
      case 415 -> new UnsupportedMediaTypeException(status);
      case 422 -> new InvalidException(status);
      case 429 -> new TooManyRequestsException(status);
      case 500 -> new InternalErrorException(status);
      case 503 -> new ServiceUnavailableException(status);
      case 504 -> new ApiTimeoutException(status);
      default -> new ApiException(status);
    };
  }
}

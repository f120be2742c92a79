package dev.keelson.store.internal.etcd;

import dev.keelson.store.StoreException;
import dev.keelson.store.UnavailableException;
import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies failures of jetcd calls. etcd reports its errors as gRPC statuses whose descriptions
 * are stable strings ({@code etcdserver: mvcc: required revision has been compacted}); jetcd wraps
 * them in {@link EtcdException}. The store turns the classification into its typed exceptions.
 */
final class EtcdErrors {
  static final String COMPACTED = "required revision has been compacted";
  static final String FUTURE_REVISION = "required revision is a future revision";
  static final String TOO_LARGE = "request is too large";
  static final String DUPLICATE_KEY = "duplicate key given in txn request";

  private EtcdErrors() {}

  /** What went wrong, as far as a caller can act on it. */
  enum Kind {
    COMPACTED,
    FUTURE_REVISION,
    TOO_LARGE,
    INVALID_ARGUMENT,
    /** Unreachable, timed out, no leader, overloaded, closed, or rejected credentials. */
    UNAVAILABLE,
    OTHER
  }

  /** Unwraps {@link ExecutionException} and {@link CompletionException} layers. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static Kind classify(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof io.etcd.jetcd.common.exception.CompactedException) {
      return Kind.COMPACTED;
    }
    if (t instanceof TimeoutException
        || t instanceof ClosedClientException
        || t instanceof CancellationException
        || t instanceof UnavailableException) {
      return Kind.UNAVAILABLE;
    }
    String message = String.valueOf(t.getMessage());
    if (message.contains(COMPACTED)) {
      return Kind.COMPACTED;
    }
    if (message.contains(FUTURE_REVISION)) {
      return Kind.FUTURE_REVISION;
    }
    if (message.contains(TOO_LARGE)) {
      return Kind.TOO_LARGE;
    }
    if (message.contains(DUPLICATE_KEY)) {
      return Kind.INVALID_ARGUMENT;
    }
    Status.Code code = grpcCode(t);
    if (code == null) {
      return Kind.OTHER;
    }
    return switch (code) {
      case UNAVAILABLE,
          DEADLINE_EXCEEDED,
          CANCELLED,
          ABORTED,
          RESOURCE_EXHAUSTED,
          UNAUTHENTICATED,
          PERMISSION_DENIED ->
          Kind.UNAVAILABLE;
      case INVALID_ARGUMENT -> Kind.INVALID_ARGUMENT;
      default -> Kind.OTHER;
    };
  }

  private static Status.Code grpcCode(Throwable t) {
    if (t instanceof EtcdException e) {
      return switch (e.getErrorCode()) {
        case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
        case CANCELLED -> Status.Code.CANCELLED;
        case ABORTED -> Status.Code.ABORTED;
        case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
        case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
        case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
        case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
        default -> Status.Code.UNKNOWN;
      };
    }
    Status status = Status.fromThrowable(t);
    return status.getCode() == Status.Code.UNKNOWN ? null : status.getCode();
  }

  /** The failure as an {@link UnavailableException} saying what was being done. */
  static UnavailableException unavailable(String doing, EtcdOptions options, Throwable failure) {
    Throwable t = unwrap(failure);
    String reason =
        t instanceof TimeoutException && t.getMessage() == null
            ? "no answer within " + options.requestTimeout()
            : t.getClass().getSimpleName() + ": " + t.getMessage();
    return new UnavailableException(
        "etcd at " + options.endpointList() + " unavailable while " + doing + ": " + reason, t);
  }

  /** A failure the store has no more specific type for. */
  static StoreException other(String doing, EtcdOptions options, Throwable failure) {
    Throwable t = unwrap(failure);
    return new StoreException(
        "etcd at " + options.endpointList() + " failed while " + doing + ": " + t.getMessage(), t);
  }
}

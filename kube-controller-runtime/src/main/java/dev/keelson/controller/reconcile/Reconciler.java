package dev.keelson.controller.reconcile;

/**
 * Makes the world match the desired state of one object: the one contract a controller author
 * writes.
 *
 * <p>A reconciler must be idempotent and level-based: it reads the current state of the object
 * named by the request (which may have been deleted meanwhile) and acts on that, never on the event
 * that queued the request. The controller never runs it for one request on two threads at once, but
 * does run it for different requests concurrently.
 *
 * <p>Outcomes: a returned {@link Result} (see there); a {@link TerminalException} (logged, not
 * retried until the next event); any other exception (logged, retried with the controller's
 * rate-limited backoff).
 */
@FunctionalInterface
public interface Reconciler {
  /** Reconciles the object named by {@code request}. */
  Result reconcile(Request request) throws Exception;
}

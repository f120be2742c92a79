package dev.keelson.controller.reconcile;

/**
 * Counts of a controller's reconcile outcomes since it started (controller-runtime's {@code
 * controller_runtime_reconcile_total} by result).
 *
 * @param success passes that returned {@link Result#done()}
 * @param requeue passes that asked for a rate-limited requeue
 * @param requeueAfter passes that asked to run again after a delay
 * @param error passes that threw (retried with backoff)
 * @param terminalError passes that threw a {@link TerminalException} (not retried)
 */
public record ControllerStats(
    long success, long requeue, long requeueAfter, long error, long terminalError) {
  /** All passes. */
  public long total() {
    return success + requeue + requeueAfter + error + terminalError;
  }
}

package dev.keelson.controller.reconcile;

import java.time.Duration;

/**
 * What one {@link Controller} reports, as controller-runtime's controller metrics. Calls come from
 * worker threads and must be cheap and non-blocking.
 */
public interface ControllerMetrics {
  /** The number of workers ({@code controller_runtime_max_concurrent_reconciles}). */
  void maxConcurrentReconciles(int workers);

  /**
   * A worker began ({@code +1}) or finished ({@code -1}) a reconcile ({@code
   * controller_runtime_active_workers}).
   */
  void activeWorkers(int delta);

  /**
   * A reconcile ended with {@code outcome} after {@code took} ({@code
   * controller_runtime_reconcile_total}, {@code _errors_total}, {@code
   * _terminal_reconcile_errors_total}, {@code _reconcile_time_seconds}).
   */
  void reconciled(ReconcileOutcome outcome, Duration took);
}

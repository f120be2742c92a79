package dev.keelson.controller.reconcile;

/**
 * How one reconcile pass ended, as controller-runtime's {@code controller_runtime_reconcile_total}
 * labels it ({@link #label()}); a terminal error counts as {@code error} there and also in {@code
 * controller_runtime_terminal_reconcile_errors_total}.
 */
public enum ReconcileOutcome {
  /** {@link Result#done()}. */
  SUCCESS("success"),
  /** {@link Result#requeueWithBackoff()}. */
  REQUEUE("requeue"),
  /** {@link Result#requeueAfter}. */
  REQUEUE_AFTER("requeue_after"),
  /** The reconciler threw; retried with backoff. */
  ERROR("error"),
  /** The reconciler threw a {@link TerminalException}; not retried. */
  TERMINAL_ERROR("error");

  private final String label;

  ReconcileOutcome(String label) {
    this.label = label;
  }

  /** The {@code result} label value. */
  public String label() {
    return label;
  }
}

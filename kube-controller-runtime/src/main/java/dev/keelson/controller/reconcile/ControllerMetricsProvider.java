package dev.keelson.controller.reconcile;

import java.time.Duration;

/** Makes the {@link ControllerMetrics} of each named controller. */
@FunctionalInterface
public interface ControllerMetricsProvider {
  /** The metrics of the controller called {@code name}; called once per controller. */
  ControllerMetrics forController(String name);

  /** Discards every metric. */
  static ControllerMetricsProvider none() {
    return name -> NoMetrics.INSTANCE;
  }

  /** The metrics that record nothing. */
  enum NoMetrics implements ControllerMetrics {
    /** The only instance. */
    INSTANCE;

    @Override
    public void maxConcurrentReconciles(int workers) {}

    @Override
    public void activeWorkers(int delta) {}

    @Override
    public void reconciled(ReconcileOutcome outcome, Duration took) {}
  }
}

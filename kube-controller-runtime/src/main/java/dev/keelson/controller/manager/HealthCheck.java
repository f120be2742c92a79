package dev.keelson.controller.manager;

/**
 * A named health or readiness check (controller-runtime's {@code healthz.Checker}): returns when
 * healthy, throws with the reason when not. Checks run on the HTTP request's thread and should be
 * quick.
 */
@FunctionalInterface
public interface HealthCheck {
  /** Passes by returning; fails by throwing. */
  void check() throws Exception;

  /** A check that always passes (Kubernetes' {@code ping}). */
  static HealthCheck ping() {
    return () -> {};
  }
}

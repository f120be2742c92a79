package dev.keelson.controller.manager;

/**
 * Whether a {@link Component} runs only on the elected leader (controller-runtime's {@code
 * LeaderElectionRunnable.NeedLeaderElection}).
 */
public enum Leadership {
  /** Runs only while this manager holds the lease (the default: controllers that write). */
  REQUIRED,
  /** Runs on every replica from start to close (caches, servers, read-only work). */
  NOT_REQUIRED
}

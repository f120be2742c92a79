package dev.keelson.controller.leader;

/**
 * What a {@link LeaderElector} tells its owner. Callbacks run one at a time on the elector's
 * thread, in order; they must return promptly (start or stop your controllers and return), since
 * the elector cannot renew the lease while a callback runs.
 */
public interface LeaderCallbacks {

  /** This candidate now holds the lease: start doing the leader's work. */
  default void onStartedLeading() {}

  /**
   * This candidate no longer holds the lease (it failed to renew within the renew deadline, or it
   * was closed): stop doing the leader's work at once, since another candidate may take over when
   * the lease expires. Called only after {@link #onStartedLeading}.
   */
  default void onStoppedLeading() {}

  /** A candidate (this one or another) was observed holding the lease for the first time. */
  default void onNewLeader(String identity) {}
}

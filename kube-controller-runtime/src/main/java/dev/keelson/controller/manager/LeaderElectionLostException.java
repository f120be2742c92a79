package dev.keelson.controller.manager;

/**
 * Why a {@link Manager} stopped on its own: it lost the lease it was leading with (controller-
 * runtime's "leader election lost"). Its {@link Manager#terminated()} completes with this.
 */
public final class LeaderElectionLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** For the lease {@code lease} ({@code namespace/name}) held as {@code identity}. */
  public LeaderElectionLostException(String lease, String identity) {
    super("leader election lost: " + identity + " no longer holds the lease " + lease);
  }
}

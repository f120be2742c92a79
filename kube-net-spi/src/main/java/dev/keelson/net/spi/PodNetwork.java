package dev.keelson.net.spi;

/**
 * A node's pod network: the step between "the sandbox exists" and "its containers start", as CNI
 * ADD and DEL are for kubelet. Calls for one sandbox never overlap; calls for different sandboxes
 * may. {@link #tearDown} is idempotent and must be called for every {@link #setUp}, even a failed
 * one.
 */
public interface PodNetwork {

  /**
   * Attaches the sandbox to the pod network.
   *
   * @return the pod's IPs, primary first (empty when the pod shares the host's network)
   * @throws PodNetworkException when the sandbox could not be attached (the agent retries)
   */
  PodNetworkStatus setUp(PodNetworkRequest request);

  /** Detaches the sandbox and releases its addresses; a sandbox never set up is not an error. */
  void tearDown(PodNetworkRequest request);

  /**
   * Checks that the sandbox's network is still as {@link #setUp} left it (CNI CHECK); does nothing
   * for networks that cannot tell.
   *
   * @throws PodNetworkException describing what is wrong
   */
  default void check(PodNetworkRequest request) {}

  /** Whether the network can take pods now (for the node's Ready condition); null reason if so. */
  default String notReadyReason() {
    return null;
  }
}

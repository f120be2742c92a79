package dev.keelson.net.proxy;

/**
 * A service-proxy data plane (one IP family): makes traffic to service IPs and node ports reach
 * endpoints. {@link ServiceProxyRunner} calls {@link #sync} from one thread, with the whole desired
 * state each time; a backend may write only what changed since its previous sync (a partial sync)
 * when its data plane allows.
 */
public interface ServiceProxy extends AutoCloseable {

  /**
   * Programs the data plane to match {@code state}. On failure nothing half-applied remains where
   * the backend can help it (iptables-restore is atomic per table), and the next sync is full.
   *
   * @throws ProxyException when the data plane refused the change
   */
  SyncResult sync(ProxyState state);

  /** Stops; the programmed rules stay in place (as kube-proxy leaves them on exit). */
  @Override
  void close();

  /**
   * What one sync did.
   *
   * @param full whether every rule was rewritten (else only changed services')
   * @param servicePortsWritten how many service ports' rules were written
   * @param servicePortsRemoved how many service ports' rules were removed
   */
  record SyncResult(boolean full, int servicePortsWritten, int servicePortsRemoved) {}
}

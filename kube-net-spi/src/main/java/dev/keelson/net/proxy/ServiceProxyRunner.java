package dev.keelson.net.proxy;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's loop: watches Services and EndpointSlices through shared informers and syncs a
 * {@link ServiceProxy} with the whole state whenever something changed, at most once per {@code
 * minSyncPeriod} (a burst of changes is one sync) and at least once per {@code syncPeriod}, on a
 * {@link SyncLoop}. The first sync waits until both informers have listed, so the data plane never
 * sees a half-known cluster. A failed sync is retried after {@code minSyncPeriod}.
 */
public final class ServiceProxyRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxyRunner.class);

  private final ServiceProxy proxy;
  private final String family;
  private final SharedInformer<Service> services;
  private final SharedInformer<EndpointSlice> slices;
  private final SyncLoop loop;
  private volatile ServiceProxy.SyncResult last;

  private ServiceProxyRunner(
      ServiceProxy proxy,
      String family,
      InformerFactory informers,
      Duration minSyncPeriod,
      Duration syncPeriod) {
    this.proxy = proxy;
    this.family = family;
    this.services = informers.informer(Service.class);
    this.slices = informers.informer(EndpointSlice.class);
    this.loop =
        SyncLoop.start(
            "service-proxy-sync", List.of(services, slices), minSyncPeriod, syncPeriod, this::sync);
  }

  /**
   * Starts syncing {@code proxy} for {@code family} from {@code informers} (started by the caller,
   * usually shared).
   *
   * @param minSyncPeriod the least time between two syncs (kube-proxy: 1 s)
   * @param syncPeriod the most time between two syncs (kube-proxy: 30 s)
   */
  public static ServiceProxyRunner start(
      ServiceProxy proxy,
      String family,
      InformerFactory informers,
      Duration minSyncPeriod,
      Duration syncPeriod) {
    if (minSyncPeriod.isNegative() || syncPeriod.compareTo(minSyncPeriod) < 0) {
      throw new IllegalArgumentException("need 0 <= minSyncPeriod <= syncPeriod");
    }
    return new ServiceProxyRunner(proxy, family, informers, minSyncPeriod, syncPeriod);
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return loop.syncs();
  }

  /** How many syncs failed. */
  public long failures() {
    return loop.failures();
  }

  /** What the last successful sync did, or {@code null} before the first. */
  public ServiceProxy.SyncResult lastSync() {
    return last;
  }

  /** One sync with the whole state; the backend decides what to rewrite. */
  private boolean sync(boolean full) {
    try {
      last = proxy.sync(ProxyState.of(family, services.indexer().list(), slices.indexer().list()));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("service proxy sync failed; retrying", e);
      return false;
    }
  }

  /** Stops syncing (the rules stay) and closes the backend. */
  @Override
  public void close() {
    loop.close();
    proxy.close();
  }
}

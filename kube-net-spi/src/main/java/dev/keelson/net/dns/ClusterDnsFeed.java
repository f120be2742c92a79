package dev.keelson.net.dns;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link DnsRecordsSource} (usually a {@link ClusterDnsView}) from shared informers over
 * Services, EndpointSlices and (for {@link PodRecords#VERIFIED}) Pods, as CoreDNS's kubernetes
 * plugin watches them. The view reports itself synced once every informer has listed: until then
 * cluster names answer SERVFAIL, never a wrong NXDOMAIN.
 *
 * <p>Handlers and the one-time catch-up at sync apply under one lock, so an object deleted while
 * the catch-up copies the caches can never come back: the catch-up reads each cache (which
 * informers update before they notify) and writes the view in one step, and a delete notification
 * applies either before the read (so the object is not in it) or after the write (and removes it).
 *
 * <pre>{@code
 * ClusterDnsView view = ClusterDnsView.clusterLocal();
 * ClusterDnsFeed feed = ClusterDnsFeed.attach(informers, view, PodRecords.INSECURE);
 * informers.start();
 * }</pre>
 */
public final class ClusterDnsFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDnsFeed.class);

  private final DnsRecordsSource target;
  private final Object lock = new Object();
  private final List<SharedInformer<?>> informers = new ArrayList<>();
  private final Thread syncer;
  private volatile boolean closed;
  private volatile boolean synced;

  private ClusterDnsFeed(DnsRecordsSource target) {
    this.target = target;
    this.syncer = Thread.ofVirtual().name("cluster-dns-feed-sync").unstarted(this::awaitSync);
  }

  /**
   * Registers handlers on {@code informers}' Service and EndpointSlice informers (and Pod informer
   * when {@code podRecords} is {@link PodRecords#VERIFIED}) that keep {@code target} up to date,
   * and marks it synced once they have listed. Starting the factory is the caller's (it is usually
   * shared with other consumers).
   */
  public static ClusterDnsFeed attach(
      InformerFactory informers, DnsRecordsSource target, PodRecords podRecords) {
    Objects.requireNonNull(informers, "informers");
    ClusterDnsFeed feed = new ClusterDnsFeed(Objects.requireNonNull(target, "target"));
    feed.feed(informers.informer(Service.class), target::upsertService, target::deleteService);
    feed.feed(
        informers.informer(EndpointSlice.class),
        target::upsertEndpointSlice,
        target::deleteEndpointSlice);
    if (podRecords == PodRecords.VERIFIED) {
      feed.feed(informers.informer(Pod.class), target::upsertPod, target::deletePod);
    }
    feed.syncer.start();
    return feed;
  }

  private <T extends KubernetesObject> void feed(
      SharedInformer<T> informer, Consumer<T> upsert, BiConsumer<String, String> delete) {
    informers.add(informer);
    informer.addHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj, boolean isInInitialList) {
            synchronized (lock) {
              if (!closed) {
                upsert.accept(obj);
              }
            }
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            synchronized (lock) {
              if (!closed) {
                upsert.accept(newObj);
              }
            }
          }

          @Override
          public void onDelete(T obj, boolean finalStateUnknown) {
            ObjectMeta m = obj.metadata();
            synchronized (lock) {
              if (!closed) {
                delete.accept(m.namespace(), m.name());
              }
            }
          }
        });
  }

  /** Whether every informer has listed and the target was marked synced. */
  public boolean synced() {
    return synced && !closed;
  }

  private void awaitSync() {
    try {
      for (SharedInformer<?> informer : informers) {
        while (!informer.waitForSync(Duration.ofSeconds(1))) {
          if (closed) {
            return;
          }
        }
      }
      synchronized (lock) {
        catchUp();
        target.markSynced();
        synced = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("cluster DNS feed failed to sync", e);
    }
  }

  /** Copies every cached object into the target, ahead of the handlers' initial notifications. */
  private void catchUp() {
    for (SharedInformer<?> informer : informers) {
      for (Object o : informer.indexer().list()) {
        switch (o) {
          case Service s -> target.upsertService(s);
          case EndpointSlice s -> target.upsertEndpointSlice(s);
          case Pod p -> target.upsertPod(p);
          default -> throw new IllegalStateException("unexpected object " + o.getClass());
        }
      }
    }
  }

  /** Stops feeding the target (and waiting for sync); the informers are shared and keep running. */
  @Override
  public void close() {
    closed = true;
    syncer.interrupt();
  }
}

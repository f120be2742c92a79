package dev.keelson.net.daemon.hostgw;

import dev.keelson.api.core.v1.Node;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.net.daemon.NodeNetworkContext;
import dev.keelson.net.daemon.NodeNetworkDaemon;
import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.ProxyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code host-gw}: watches Nodes and routes each other node's pod CIDRs via its InternalIP. One
 * thread; a change marks the state dirty and the next sync (at most one per {@code minSyncPeriod})
 * writes only the differences from what it installed, as {@code route replace} / {@code route del}
 * lines to one {@code ip -force -batch -}. Every {@code resyncPeriod}, and after a failure, every
 * route is replaced again, which repairs routes someone else removed. The first sync waits until
 * the Node informer has listed. Routes it never installed are not touched.
 */
public final class HostGwDaemon implements NodeNetworkDaemon {
  /** The command each sync runs, its input on stdin. */
  public static final List<String> COMMAND = List.of("ip", "-force", "-batch", "-");

  private static final Logger LOG = LoggerFactory.getLogger(HostGwDaemon.class);

  private final String self;
  private final SharedInformer<Node> nodes;
  private final CommandRunner commands;
  private final long minSyncNanos;
  private final long resyncNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private volatile Map<String, String> installed = Map.of();
  private boolean dirty = true;
  private volatile boolean closed;

  private HostGwDaemon(NodeNetworkContext context) {
    this.self = context.nodeName();
    this.nodes = context.informers().informer(Node.class);
    this.commands = context.commands();
    this.minSyncNanos = context.minSyncPeriod().toNanos();
    this.resyncNanos = context.resyncPeriod().toNanos();
    this.thread =
        Thread.ofPlatform().daemon().name("host-gw-" + context.nodeName()).unstarted(this::run);
  }

  /** Starts the daemon for {@code context}'s node. */
  public static HostGwDaemon start(NodeNetworkContext context) {
    HostGwDaemon d = new HostGwDaemon(context);
    d.nodes.addHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Node obj, boolean isInInitialList) {
            d.poke();
          }

          @Override
          public void onUpdate(Node oldObj, Node newObj) {
            d.poke();
          }

          @Override
          public void onDelete(Node obj, boolean finalStateUnknown) {
            d.poke();
          }
        });
    d.thread.start();
    return d;
  }

  /** The routes installed by the last sync, pod CIDR to gateway. */
  public Map<String, String> routes() {
    return installed;
  }

  @Override
  public long syncs() {
    return syncs.get();
  }

  @Override
  public long failures() {
    return failures.get();
  }

  private void poke() {
    lock.lock();
    try {
      dirty = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (!closed && !nodes.hasSynced()) {
        nodes.waitForSync(Duration.ofMillis(100));
      }
      long lastSync = System.nanoTime() - minSyncNanos;
      long lastFull = System.nanoTime() - resyncNanos;
      boolean repair = false;
      while (!closed) {
        boolean full;
        lock.lock();
        try {
          long now = System.nanoTime();
          full = repair || now - lastFull >= resyncNanos;
          long dueByRate = lastSync + minSyncNanos - now;
          if (!dirty && !full) {
            changed.awaitNanos(lastFull + resyncNanos - now);
            continue;
          }
          if (dueByRate > 0) {
            changed.awaitNanos(dueByRate);
            continue;
          }
          dirty = false;
        } finally {
          lock.unlock();
        }
        lastSync = System.nanoTime();
        if (full) {
          lastFull = lastSync;
        }
        repair = !sync(full);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One sync; whether it succeeded. */
  private boolean sync(boolean all) {
    Map<String, String> desired = HostGwRoutes.desired(self, nodes.indexer().list());
    String batch = HostGwRoutes.batch(installed, desired, all);
    if (batch.isEmpty()) {
      syncs.incrementAndGet();
      return true;
    }
    try {
      CommandRunner.Result r = commands.run(COMMAND, batch.getBytes(StandardCharsets.UTF_8));
      // What failed is retried by the full sync that follows a failure; routes it meant to
      // delete are forgotten either way.
      installed = Map.copyOf(new HashMap<>(desired));
      if (!r.ok()) {
        failures.incrementAndGet();
        LOG.warn("host-gw: ip -batch failed (exit {}): {}", r.exitCode(), r.output().strip());
        return false;
      }
      syncs.incrementAndGet();
      return true;
    } catch (ProxyException e) {
      failures.incrementAndGet();
      LOG.warn("host-gw: cannot run ip", e);
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

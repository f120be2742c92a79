package dev.keelson.net.proxy.nftables;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.proxy.FullSyncSchedule;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServicePortName;
import dev.keelson.net.proxy.ServiceProxy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nftables backend. A full sync deletes and rebuilds the table in one {@code nft -f}
 * transaction; a partial sync, in one transaction too, removes the map elements of changed and
 * removed service ports, rewrites the chains and elements of changed and new ones, and deletes
 * chains and sets nothing uses any more. Every {@link ProxyConfig#fullSyncEvery()}-th sync, and the
 * sync after a failure, is full.
 */
public final class NftablesProxy implements ServiceProxy {
  private final ProxyConfig config;
  private final FullSyncSchedule schedule;
  private final Map<ServicePortName, ProxyServicePort> synced = new HashMap<>();

  /** A backend for {@code config}. */
  public NftablesProxy(ProxyConfig config) {
    this.config = config;
    this.schedule = new FullSyncSchedule(config.fullSyncEvery());
  }

  @Override
  public synchronized SyncResult sync(ProxyState state) {
    config.requireFamily(state);
    boolean full = schedule.nextIsFull();
    Map<ServicePortName, ProxyServicePort> current = new HashMap<>();
    for (ProxyServicePort p : state.ports()) {
      current.put(p.name(), p);
    }
    NftablesScript script = new NftablesScript(config);
    int written = 0;
    int removed = 0;
    if (full) {
      script.recreateTable();
      for (ProxyServicePort p : state.ports()) {
        script.writeServicePort(p);
        written++;
      }
    } else {
      Set<String> before = new LinkedHashSet<>();
      Set<String> after = new LinkedHashSet<>();
      for (ProxyServicePort old : synced.values()) {
        ProxyServicePort now = current.get(old.name());
        before.addAll(NftablesScript.objects(old));
        if (!old.equals(now)) {
          script.deleteElements(old);
          removed += now == null ? 1 : 0;
        }
      }
      for (ProxyServicePort p : state.ports()) {
        after.addAll(NftablesScript.objects(p));
        if (!p.equals(synced.get(p.name()))) {
          script.writeServicePort(p);
          written++;
        }
      }
      before.removeAll(after);
      script.deleteObjects(before);
    }
    CommandRunner.Result r = config.runner().run(List.of("nft", "-f", "-"), script.bytes());
    if (!r.ok()) {
      schedule.failed();
      throw new ProxyException("nft failed (exit " + r.exitCode() + "): " + r.output().strip());
    }
    schedule.succeeded(full);
    synced.clear();
    synced.putAll(current);
    return new SyncResult(full, written, removed);
  }

  @Override
  public void close() {}
}

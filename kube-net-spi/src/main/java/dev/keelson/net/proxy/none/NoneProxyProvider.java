package dev.keelson.net.proxy.none;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyProvider;

/**
 * The {@code none} backend: accepts every state and programs nothing, for simulated clusters where
 * service traffic never flows (kube-proxy's absence).
 */
public final class NoneProxyProvider implements ServiceProxyProvider {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public ServiceProxy create(ProxyConfig config) {
    return new ServiceProxy() {
      @Override
      public SyncResult sync(ProxyState state) {
        return new SyncResult(true, 0, 0);
      }

      @Override
      public void close() {}
    };
  }
}

package dev.keelson.net.proxy.iptables;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyProvider;

/** Registers the {@code iptables} backend with {@link java.util.ServiceLoader}. */
public final class IptablesProxyProvider implements ServiceProxyProvider {
  @Override
  public String name() {
    return "iptables";
  }

  @Override
  public ServiceProxy create(ProxyConfig config) {
    return new IptablesProxy(config);
  }
}

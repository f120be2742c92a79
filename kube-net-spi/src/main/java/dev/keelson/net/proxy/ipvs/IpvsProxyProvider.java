package dev.keelson.net.proxy.ipvs;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyProvider;

/** Registers the {@code ipvs} backend with {@link java.util.ServiceLoader}. */
public final class IpvsProxyProvider implements ServiceProxyProvider {
  @Override
  public String name() {
    return "ipvs";
  }

  @Override
  public ServiceProxy create(ProxyConfig config) {
    return new IpvsProxy(config);
  }
}

package dev.keelson.net.proxy.nftables;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyProvider;

/** Registers the {@code nftables} backend with {@link java.util.ServiceLoader}. */
public final class NftablesProxyProvider implements ServiceProxyProvider {
  @Override
  public String name() {
    return "nftables";
  }

  @Override
  public ServiceProxy create(ProxyConfig config) {
    return new NftablesProxy(config);
  }
}

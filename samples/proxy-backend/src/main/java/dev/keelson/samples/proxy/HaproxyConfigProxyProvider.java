package dev.keelson.samples.proxy;

import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyProvider;
import java.nio.file.Path;

/**
 * Plugs {@link HaproxyConfigProxy} in as the {@code haproxy-config} backend (registered in {@code
 * META-INF/services/dev.keelson.net.proxy.ServiceProxyProvider}). The file it writes is the system
 * property {@code keelson.haproxy.config}, by default {@code haproxy.cfg} in the working directory.
 */
public final class HaproxyConfigProxyProvider implements ServiceProxyProvider {
  /** The system property naming the configuration file. */
  public static final String FILE_PROPERTY = "keelson.haproxy.config";

  @Override
  public String name() {
    return "haproxy-config";
  }

  @Override
  public ServiceProxy create(ProxyConfig config) {
    return new HaproxyConfigProxy(Path.of(System.getProperty(FILE_PROPERTY, "haproxy.cfg")));
  }
}

package dev.keelson.net.proxy;

/**
 * Makes {@link ServiceProxy} backends of one kind; registered in {@code
 * META-INF/services/dev.keelson.net.proxy.ServiceProxyProvider} and found by {@link #name()}.
 */
public interface ServiceProxyProvider {
  /** The backend's name ({@code iptables}, {@code none}, ...), as given to {@code --proxy}. */
  String name();

  /** A new backend. */
  ServiceProxy create(ProxyConfig config);
}

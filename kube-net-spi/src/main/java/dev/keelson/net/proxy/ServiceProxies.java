package dev.keelson.net.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds service-proxy backends through {@link ServiceLoader}. */
public final class ServiceProxies {
  private ServiceProxies() {}

  /** The names of every backend on the class path, sorted. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (ServiceProxyProvider p : ServiceLoader.load(ServiceProxyProvider.class)) {
      names.add(p.name());
    }
    names.sort(null);
    return names;
  }

  /**
   * The backend called {@code name}.
   *
   * @throws IllegalArgumentException naming the backends there are, when none is called so
   */
  public static ServiceProxyProvider provider(String name) {
    for (ServiceProxyProvider p : ServiceLoader.load(ServiceProxyProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no service proxy backend named \"" + name + "\"; there are: " + names());
  }
}

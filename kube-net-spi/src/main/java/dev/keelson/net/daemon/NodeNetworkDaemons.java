package dev.keelson.net.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds node network daemons through {@link ServiceLoader}. */
public final class NodeNetworkDaemons {
  private NodeNetworkDaemons() {}

  /** The names of every provider on the class path, sorted. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (NodeNetworkProvider p : ServiceLoader.load(NodeNetworkProvider.class)) {
      names.add(p.name());
    }
    names.sort(null);
    return names;
  }

  /**
   * The provider called {@code name}.
   *
   * @throws IllegalArgumentException naming the providers there are, when none is called so
   */
  public static NodeNetworkProvider provider(String name) {
    for (NodeNetworkProvider p : ServiceLoader.load(NodeNetworkProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no node network daemon named \"" + name + "\"; there are: " + names());
  }
}

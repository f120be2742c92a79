package dev.keelson.net.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds {@link PodNetworkProvider}s by name. */
public final class PodNetworks {
  private PodNetworks() {}

  /**
   * The provider named {@code name} on the class path.
   *
   * @throws IllegalArgumentException if none or more than one has that name, or it is unavailable
   */
  public static PodNetworkProvider provider(String name) {
    List<PodNetworkProvider> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (PodNetworkProvider p : ServiceLoader.load(PodNetworkProvider.class)) {
      names.add(p.name());
      if (p.name().equals(name)) {
        found.add(p);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "no pod network provider named \"" + name + "\"; available: " + names);
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "more than one pod network provider named \"" + name + "\": " + found);
    }
    PodNetworkProvider p = found.get(0);
    p.unavailabilityReason()
        .ifPresent(
            r -> {
              throw new IllegalArgumentException(
                  "pod network provider \"" + name + "\" is unavailable: " + r);
            });
    return p;
  }

  /** Shorthand for {@code provider(name).create(context)}. */
  public static PodNetwork load(String name, PodNetworkContext context) {
    return provider(name).create(context);
  }
}

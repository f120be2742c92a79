package dev.keelson.node.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds {@link ContainerRuntimeProvider}s by name. */
public final class ContainerRuntimes {
  private ContainerRuntimes() {}

  /**
   * The provider named {@code name}.
   *
   * @throws IllegalArgumentException if there is none, more than one, or it is unavailable
   */
  public static ContainerRuntimeProvider provider(String name) {
    List<ContainerRuntimeProvider> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ContainerRuntimeProvider p : ServiceLoader.load(ContainerRuntimeProvider.class)) {
      names.add(p.name());
      if (p.name().equals(name)) {
        found.add(p);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          (found.isEmpty() ? "no" : "more than one")
              + " container runtime named \""
              + name
              + "\"; available: "
              + names);
    }
    ContainerRuntimeProvider p = found.get(0);
    if (p.unavailabilityReason().isPresent()) {
      throw new IllegalArgumentException(
          "container runtime \"" + name + "\" is unavailable: " + p.unavailabilityReason().get());
    }
    return p;
  }

  /** Shorthand for {@code provider(name).create(context)}. */
  public static ContainerRuntime load(String name, RuntimeContext context) {
    return provider(name).create(context);
  }
}

package dev.keelson.apiserver.discovery;

import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consistent view of a {@link ResourceRegistry}: its groups, versions and resources, all taken
 * from a single {@link ResourceRegistry#all()} list so that a document built from it never mixes
 * two states of the registry (CRDs come and go while requests are served).
 *
 * <p>Groups keep the registry's order (core first, then discovery priority); a group's versions are
 * ordered by Kubernetes' version priority, preferred first; the resources of a group-version keep
 * their registration order.
 *
 * @param all the registry's resources, as {@link ResourceRegistry#all()} returns them
 */
public record ApiSnapshot(List<ResourceType> all) {

  public ApiSnapshot {
    all = List.copyOf(all);
  }

  /** The current state of {@code registry}. */
  public static ApiSnapshot of(ResourceRegistry registry) {
    return new ApiSnapshot(registry.all());
  }

  /** The groups, core group ({@code ""}) first when it serves anything. */
  public List<String> groups() {
    return List.copyOf(byGroup().keySet());
  }

  /** The versions of {@code group}, preferred first; empty if the group serves nothing. */
  public List<String> versions(String group) {
    return List.copyOf(byGroup().getOrDefault(group, Map.of()).keySet());
  }

  /** The resources at {@code group/version} in registration order; empty if none. */
  public List<ResourceType> resources(String group, String version) {
    return byGroup().getOrDefault(group, Map.of()).getOrDefault(version, List.of());
  }

  /** {@code group -> version -> resources}, in discovery order. */
  Map<String, Map<String, List<ResourceType>>> byGroup() {
    Map<String, Map<String, List<ResourceType>>> out = new LinkedHashMap<>();
    for (ResourceType t : all) {
      out.computeIfAbsent(t.group(), g -> new LinkedHashMap<>())
          .computeIfAbsent(t.version(), v -> new ArrayList<>())
          .add(t);
    }
    return out;
  }
}

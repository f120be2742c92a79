package dev.keelson.api;

/**
 * A resource within an API group, for example {@code deployments.apps}; the core group is {@code
 * ""}. Its {@link #toString()} is the form Kubernetes uses in messages.
 */
public record GroupResource(String group, String resource) {
  public GroupResource {
    group = group == null ? "" : group;
  }

  public static GroupResource of(String group, String resource) {
    return new GroupResource(group, resource);
  }

  /** {@code resource} for the core group, {@code resource.group} otherwise. */
  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}

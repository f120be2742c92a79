package dev.keelson.api;

/** A resource (plural, lower case) at a version of an API group; the core group is {@code ""}. */
public record GroupVersionResource(String group, String version, String resource) {
  public GroupVersionResource {
    group = group == null ? "" : group;
  }

  public GroupResource groupResource() {
    return new GroupResource(group, resource);
  }

  /** {@code group/version}, or {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + ", Resource=" + resource;
  }
}

package dev.keelson.api;

/** A kind at a version of an API group; the core group is {@code ""}. */
public record GroupVersionKind(String group, String version, String kind) {
  public GroupVersionKind {
    group = group == null ? "" : group;
  }

  /** Splits an {@code apiVersion} ({@code apps/v1} or {@code v1}) and pairs it with a kind. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(
            apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** {@code group/version}, or {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code Kind} for the core group, {@code Kind.group} otherwise, as used in messages. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}

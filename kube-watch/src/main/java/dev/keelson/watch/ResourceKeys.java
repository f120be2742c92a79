package dev.keelson.watch;

import dev.keelson.api.GroupResource;
import java.util.Objects;

/**
 * Where a resource's objects live in the store: the key layout shared by the watch cache and the
 * API server.
 *
 * <p>The scheme follows Kubernetes for the core group and design.md for the others:
 *
 * <ul>
 *   <li>core group ({@code ""}): {@code /registry/<resource>/<namespace>/<name>}, for example
 *       {@code /registry/pods/default/web};
 *   <li>any other group: {@code /registry/<group>/<resource>/<namespace>/<name>}, for example
 *       {@code /registry/apps/deployments/default/web};
 *   <li>cluster-scoped resources leave out the namespace segment: {@code
 *       /registry/namespaces/default}, {@code /registry/rbac.authorization.k8s.io/clusterroles/x}.
 * </ul>
 *
 * <p>Keys are UTF-8. Every key of a resource starts with {@link #prefix()}, which ends with {@code
 * /}, so {@code pods} never shares a prefix with {@code podtemplates}.
 *
 * @param group the API group, {@code ""} for the core group
 * @param resource the plural resource name, for example {@code pods}
 * @param namespaced whether objects live in namespaces
 */
public record ResourceKeys(String group, String resource, boolean namespaced) {
  /** The root of every key Keelson writes. */
  public static final String ROOT = "/registry/";

  public ResourceKeys {
    group = group == null ? "" : group;
    Objects.requireNonNull(resource, "resource");
    if (resource.isEmpty() || resource.contains("/") || group.contains("/")) {
      throw new IllegalArgumentException("invalid group/resource: " + group + "/" + resource);
    }
  }

  /** A namespaced resource. */
  public static ResourceKeys namespaced(String group, String resource) {
    return new ResourceKeys(group, resource, true);
  }

  /** A cluster-scoped resource. */
  public static ResourceKeys clusterScoped(String group, String resource) {
    return new ResourceKeys(group, resource, false);
  }

  /** The group and resource. */
  public GroupResource groupResource() {
    return GroupResource.of(group, resource);
  }

  /** The prefix of every key of this resource, ending with {@code /}. */
  public String prefix() {
    return group.isEmpty() ? ROOT + resource + "/" : ROOT + group + "/" + resource + "/";
  }

  /**
   * The prefix of the keys in one namespace, or {@link #prefix()} for {@code null} or {@code ""}
   * (all namespaces) and for cluster-scoped resources.
   */
  public String prefix(String namespace) {
    if (!namespaced || namespace == null || namespace.isEmpty()) {
      return prefix();
    }
    return prefix() + namespace + "/";
  }

  /**
   * The key of one object.
   *
   * @param namespace the namespace; ignored (may be {@code null}) for cluster-scoped resources
   * @throws IllegalArgumentException if a namespaced resource gets no namespace, or a segment is
   *     empty or contains {@code /}
   */
  public String key(String namespace, String name) {
    checkSegment(name, "name");
    if (!namespaced) {
      return prefix() + name;
    }
    checkSegment(namespace, "namespace");
    return prefix() + namespace + "/" + name;
  }

  /**
   * The namespace and name a key of this resource names.
   *
   * @throws IllegalArgumentException if {@code key} is not a key of this resource
   */
  public ObjectName parse(String key) {
    String prefix = prefix();
    if (!key.startsWith(prefix) || key.length() == prefix.length()) {
      throw new IllegalArgumentException("not a key of " + groupResource() + ": " + key);
    }
    String rest = key.substring(prefix.length());
    if (!namespaced) {
      return new ObjectName("", rest);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("not a key of " + groupResource() + ": " + key);
    }
    return new ObjectName(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** Whether {@code s} can be a namespace or name segment of a key: not empty, no {@code /}. */
  public static boolean isSegment(String s) {
    return s != null && !s.isEmpty() && !s.contains("/");
  }

  private static void checkSegment(String s, String what) {
    if (!isSegment(s)) {
      throw new IllegalArgumentException("invalid " + what + ": " + s);
    }
  }

  /**
   * The namespace and name of an object.
   *
   * @param namespace the namespace, {@code ""} for cluster-scoped objects
   * @param name the name
   */
  public record ObjectName(String namespace, String name) {}
}

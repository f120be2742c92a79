package dev.keelson.apiserver.rest;

import java.util.Set;

/**
 * A resource path of the API: {@code /api/v1/namespaces/default/pods/web/status} or {@code
 * /apis/apps/v1/deployments}.
 *
 * @param group {@code ""} for the core group
 * @param namespace the namespace segment, or {@code null} when the path has none
 * @param name the object's name, or {@code null} for collection paths
 * @param subresource for example {@code status} or {@code scale}, or {@code null}
 */
public record ApiPath(
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  /** Subresources of namespaces, which would otherwise read as a resource in that namespace. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** The path of a resource request, or {@code null} if {@code path} is not one. */
  public static ApiPath parse(String path) {
    String[] s = trim(path).split("/");
    int i;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      i = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      i = 3;
    } else {
      return null;
    }
    int n = s.length - i;
    for (int k = i; k < s.length; k++) {
      if (s[k].isEmpty()) {
        return null;
      }
    }
    if (s[i].equals("namespaces")
        && n >= 3
        && !(n == 3 && NAMESPACE_SUBRESOURCES.contains(s[i + 2]))) {
      if (n > 5) {
        return null;
      }
      return new ApiPath(
          group, version, s[i + 1], s[i + 2], n > 3 ? s[i + 3] : null, n > 4 ? s[i + 4] : null);
    }
    if (n > 3) {
      return null;
    }
    return new ApiPath(
        group, version, null, s[i], n > 1 ? s[i + 1] : null, n > 2 ? s[i + 2] : null);
  }

  private static String trim(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}

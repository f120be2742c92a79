package dev.keelson.apiserver.auth.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a request asks, as Kubernetes' {@code RequestInfoFactory} derives it from the method, path
 * and query: a resource request ({@code /api/v1/...}, {@code /apis/g/v/...} with a resource) has a
 * verb ({@code get list watch create update patch delete deletecollection}, or {@code proxy}),
 * group, version, namespace, resource, subresource and name; anything else (discovery, health,
 * {@code /version}, OpenAPI) is a non-resource request with the lower-cased method as verb.
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String apiGroup,
    String apiVersion,
    String namespace,
    String resource,
    String subresource,
    String name) {
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** The information of a request. */
  public static RequestInfo of(String method, String path, Map<String, List<String>> query) {
    String verb = method.toLowerCase(Locale.ROOT);
    RequestInfo nonResource = new RequestInfo(false, path, verb, "", "", "", "", "", "");
    List<String> parts = split(path);
    if (parts.size() < 3 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource;
    }
    String prefix = parts.get(0);
    parts = parts.subList(1, parts.size());
    String group = "";
    if (prefix.equals("apis")) {
      if (parts.size() < 3) {
        return nonResource;
      }
      group = parts.get(0);
      parts = parts.subList(1, parts.size());
    }
    String version = parts.get(0);
    parts = parts.subList(1, parts.size());
    boolean viaMethod = false;
    if (parts.get(0).equals("proxy") || parts.get(0).equals("watch")) {
      if (parts.size() < 2) {
        return nonResource;
      }
      verb = parts.get(0);
      parts = parts.subList(1, parts.size());
    } else {
      viaMethod = true;
      verb =
          switch (method) {
            case "POST" -> "create";
            case "GET", "HEAD" -> "get";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "";
          };
    }
    String namespace = "";
    if (parts.get(0).equals("namespaces")) {
      if (parts.size() > 1) {
        namespace = parts.get(1);
        if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
          parts = parts.subList(2, parts.size());
        }
      }
    }
    String resource = parts.get(0);
    String name = parts.size() >= 2 ? parts.get(1) : "";
    String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";
    if (viaMethod && name.isEmpty() && verb.equals("get")) {
      verb = isTrue(first(query, "watch")) ? "watch" : "list";
      String byName = exactName(first(query, "fieldSelector"));
      if (byName != null) {
        name = byName;
      }
    }
    if (viaMethod && name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new RequestInfo(
        true, path, verb, group, version, namespace, resource, subresource, name);
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equals("true") || v.equals("1"));
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The name a field selector requires exactly ({@code metadata.name=x}), or {@code null}. */
  private static String exactName(String selector) {
    if (selector == null) {
      return null;
    }
    for (String term : selector.split(",")) {
      String t = term.strip();
      String v = null;
      if (t.startsWith("metadata.name==")) {
        v = t.substring("metadata.name==".length());
      } else if (t.startsWith("metadata.name=")) {
        v = t.substring("metadata.name=".length());
      }
      if (v != null && !v.isEmpty() && !v.contains("/") && !v.equals(".") && !v.equals("..")) {
        return v;
      }
    }
    return null;
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}

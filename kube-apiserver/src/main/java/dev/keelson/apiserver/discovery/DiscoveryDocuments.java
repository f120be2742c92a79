package dev.keelson.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kube-apiserver serves, built from one {@link ApiSnapshot}. Field names,
 * field order and the omission of empty fields follow the Go types ({@code metav1.APIVersions},
 * {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}, {@code apidiscovery.k8s.io/v2
 * APIGroupDiscoveryList}), because the official Java client refuses unknown fields and kubectl
 * reads exactly these.
 */
public final class DiscoveryDocuments {
  /** {@code apidiscovery.k8s.io}: the group of the aggregated discovery types. */
  public static final String APIDISCOVERY_GROUP = "apidiscovery.k8s.io";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DiscoveryDocuments() {}

  /**
   * {@code GET /api}: {@code APIVersions} with the core versions and one server address for every
   * client ({@code 0.0.0.0/0}).
   */
  public static ObjectNode apiVersions(ApiSnapshot snapshot, String serverAddress) {
    ObjectNode out = JSON.objectNode();
    out.put("kind", "APIVersions");
    ArrayNode versions = out.putArray("versions");
    snapshot.versions("").forEach(versions::add);
    ObjectNode address = out.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return out;
  }

  /** {@code GET /apis}: {@code APIGroupList} with every named group, in discovery order. */
  public static ObjectNode apiGroupList(ApiSnapshot snapshot) {
    ObjectNode out = JSON.objectNode();
    out.put("kind", "APIGroupList");
    out.put("apiVersion", "v1");
    ArrayNode groups = out.putArray("groups");
    for (String group : snapshot.groups()) {
      if (!group.isEmpty()) {
        groups.add(groupBody(JSON.objectNode(), snapshot, group));
      }
    }
    return out;
  }

  /** {@code GET /apis/{group}}: {@code APIGroup}, or empty if the group serves nothing. */
  public static Optional<ObjectNode> apiGroup(ApiSnapshot snapshot, String group) {
    if (group.isEmpty() || snapshot.versions(group).isEmpty()) {
      return Optional.empty();
    }
    ObjectNode out = JSON.objectNode();
    out.put("kind", "APIGroup");
    out.put("apiVersion", "v1");
    return Optional.of(groupBody(out, snapshot, group));
  }

  private static ObjectNode groupBody(ObjectNode out, ApiSnapshot snapshot, String group) {
    out.put("name", group);
    ArrayNode versions = out.putArray("versions");
    List<String> vs = snapshot.versions(group);
    for (String v : vs) {
      versions.add(groupVersion(group, v));
    }
    out.set("preferredVersion", groupVersion(group, vs.get(0)));
    return out;
  }

  private static ObjectNode groupVersion(String group, String version) {
    ObjectNode gv = JSON.objectNode();
    gv.put("groupVersion", group + "/" + version);
    gv.put("version", version);
    return gv;
  }

  /**
   * {@code GET /api/v1} or {@code GET /apis/{group}/{version}}: {@code APIResourceList}, each
   * subresource a separate entry ({@code pods/status}); empty if the group-version serves nothing.
   */
  public static Optional<ObjectNode> apiResourceList(
      ApiSnapshot snapshot, String group, String version) {
    List<ResourceType> types = snapshot.resources(group, version);
    if (types.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode out = JSON.objectNode();
    out.put("kind", "APIResourceList");
    out.put("apiVersion", "v1");
    out.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = out.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      strings(r.putArray("verbs"), t.verbs());
      optionalStrings(r, "shortNames", t.shortNames());
      optionalStrings(r, "categories", t.categories());
      r.put("storageVersionHash", storageVersionHash(t.gvk()));
      for (Subresource s : t.subresources()) {
        ObjectNode sr = resources.addObject();
        sr.put("name", t.plural() + "/" + s.name());
        sr.put("singularName", "");
        sr.put("namespaced", t.namespaced());
        if (!sameGroupVersion(s.kind(), t)) {
          sr.put("group", s.kind().group());
          sr.put("version", s.kind().version());
        }
        sr.put("kind", s.kind().kind());
        strings(sr.putArray("verbs"), s.verbs());
      }
    }
    return Optional.of(out);
  }

  /**
   * Aggregated discovery ({@code APIGroupDiscoveryList}) for {@code GET /api} ({@code core ==
   * true}: the core group alone, without a name) or {@code GET /apis} (every named group).
   *
   * @param apiVersion {@code apidiscovery.k8s.io/v2} or {@code apidiscovery.k8s.io/v2beta1} (the
   *     same shape)
   */
  public static ObjectNode aggregated(ApiSnapshot snapshot, boolean core, String apiVersion) {
    ObjectNode out = JSON.objectNode();
    out.put("kind", "APIGroupDiscoveryList");
    out.put("apiVersion", apiVersion);
    out.putObject("metadata");
    ArrayNode items = out.putArray("items");
    for (Map.Entry<String, Map<String, List<ResourceType>>> group : snapshot.byGroup().entrySet()) {
      if (group.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode metadata = item.putObject("metadata");
      if (!group.getKey().isEmpty()) {
        metadata.put("name", group.getKey());
      }
      ArrayNode versions = item.putArray("versions");
      for (Map.Entry<String, List<ResourceType>> version : group.getValue().entrySet()) {
        ObjectNode v = versions.addObject();
        v.put("version", version.getKey());
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : version.getValue()) {
          resources.add(aggregatedResource(t));
        }
        v.put("freshness", "Current");
      }
    }
    return out;
  }

  private static ObjectNode aggregatedResource(ResourceType t) {
    ObjectNode r = JSON.objectNode();
    r.put("resource", t.plural());
    r.set("responseKind", responseKind(t.gvk(), t));
    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    r.put("singularResource", t.singular());
    strings(r.putArray("verbs"), t.verbs());
    optionalStrings(r, "shortNames", t.shortNames());
    optionalStrings(r, "categories", t.categories());
    if (!t.subresources().isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (Subresource s : t.subresources()) {
        ObjectNode sr = subs.addObject();
        sr.put("subresource", s.name());
        sr.set("responseKind", responseKind(s.kind(), t));
        strings(sr.putArray("verbs"), s.verbs());
      }
    }
    return r;
  }

  /** As kube-apiserver writes it: group and version empty when they are the resource's own. */
  private static ObjectNode responseKind(GroupVersionKind kind, ResourceType owner) {
    ObjectNode k = JSON.objectNode();
    boolean same = sameGroupVersion(kind, owner);
    k.put("group", same ? "" : kind.group());
    k.put("version", same ? "" : kind.version());
    k.put("kind", kind.kind());
    return k;
  }

  private static boolean sameGroupVersion(GroupVersionKind kind, ResourceType t) {
    return kind.group().equals(t.group()) && kind.version().equals(t.version());
  }

  /**
   * kube-apiserver's {@code storageVersionHash}: the first 8 bytes of the SHA-256 of {@code
   * group/version/kind}, base64. Keelson stores every resource at the version it serves.
   */
  static String storageVersionHash(GroupVersionKind gvk) {
    try {
      byte[] sum =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (gvk.group() + "/" + gvk.version() + "/" + gvk.kind())
                      .getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sum, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void optionalStrings(ObjectNode node, String field, List<String> values) {
    if (!values.isEmpty()) {
      strings(node.putArray(field), values);
    }
  }
}

package dev.keelson.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.internal.ApiCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's discovery documents ({@code /api}, {@code /apis} and one {@code
 * APIResourceList} per group version), as client-go's discovery client does. Obtained from {@link
 * KubeClient#discovery()}.
 */
public final class Discovery {
  private final ApiCalls calls;

  Discovery(ApiCalls calls) {
    this.calls = calls;
  }

  /**
   * The resources of every group at its preferred version (subresources left out), as client-go's
   * {@code ServerPreferredResources}. A group version whose document cannot be read is reported in
   * {@link Result#failedGroups()} while the others are still returned; failing to read {@code /api}
   * or {@code /apis} throws.
   */
  public Result preferredResources() {
    List<String> groupVersions = new ArrayList<>();
    JsonNode core = get("/api");
    for (JsonNode v : core.path("versions")) {
      groupVersions.add(v.asText());
    }
    JsonNode groups = get("/apis");
    for (JsonNode g : groups.path("groups")) {
      String preferred = g.path("preferredVersion").path("groupVersion").asText("");
      if (preferred.isEmpty() && g.path("versions").size() > 0) {
        preferred = g.path("versions").get(0).path("groupVersion").asText("");
      }
      if (!preferred.isEmpty()) {
        groupVersions.add(preferred);
      }
    }
    List<ResourceType> out = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (String gv : groupVersions) {
      try {
        out.addAll(resources(gv));
      } catch (ApiException | IllegalArgumentException e) {
        failed.put(gv, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return new Result(List.copyOf(out), Map.copyOf(failed));
  }

  /**
   * The resources (no subresources) of one group version, {@code v1} or {@code apps/v1}.
   *
   * @throws IllegalArgumentException if {@code groupVersion} is not of that form
   */
  public List<ResourceType> resources(String groupVersion) {
    String[] parts = groupVersion.split("/", -1);
    if (parts.length > 2 || parts[parts.length - 1].isEmpty() || parts[0].isEmpty()) {
      throw new IllegalArgumentException("unexpected GroupVersion string: " + groupVersion);
    }
    String group = parts.length == 1 ? "" : parts[0];
    String version = parts[parts.length - 1];
    JsonNode list = get(group.isEmpty() ? "/api/" + version : "/apis/" + groupVersion);
    List<ResourceType> out = new ArrayList<>();
    for (JsonNode r : list.path("resources")) {
      String name = r.path("name").asText("");
      if (name.isEmpty() || name.contains("/")) {
        continue;
      }
      List<String> verbs = new ArrayList<>();
      r.path("verbs").forEach(v -> verbs.add(v.asText()));
      List<String> shortNames = new ArrayList<>();
      r.path("shortNames").forEach(v -> shortNames.add(v.asText()));
      List<String> categories = new ArrayList<>();
      r.path("categories").forEach(v -> categories.add(v.asText()));
      out.add(
          new ResourceType(
              group,
              version,
              r.path("kind").asText(),
              name,
              r.path("singularName").asText(""),
              shortNames,
              r.path("namespaced").asBoolean(false),
              verbs,
              categories,
              null,
              null,
              null));
    }
    return out;
  }

  private JsonNode get(String path) {
    return KubeJson.parse(calls.call("GET", path, List.of(), null, null));
  }

  /**
   * What discovery found.
   *
   * @param resources the resources of the group versions that could be read
   * @param failedGroups the group versions that could not be read, with the error
   */
  public record Result(List<ResourceType> resources, Map<String, String> failedGroups) {}
}

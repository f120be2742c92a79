package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.UserInfo;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link AdmissionContext} for plugin unit tests (cache = store). */
final class FakeCluster implements AdmissionContext {
  final Map<String, ObjectNode> objects = new TreeMap<>();
  int statusWrites;
  int conflictsToInject;

  static ObjectNode yaml(String yaml) {
    return (ObjectNode) KubeJson.parseYaml(yaml);
  }

  static Attributes create(String group, String resource, String kind, ObjectNode obj) {
    String ns = obj.path("metadata").path("namespace").asText(null);
    return new Attributes(
        Operation.CREATE,
        new dev.keelson.api.GroupVersionKind(group, "v1", kind),
        new dev.keelson.api.GroupVersionResource(group, "v1", resource),
        null,
        ns,
        obj.path("metadata").path("name").asText(""),
        obj,
        null,
        UserInfo.UNKNOWN,
        false);
  }

  FakeCluster put(GroupResource r, ObjectNode obj) {
    ObjectNode m = obj.with("metadata");
    if (!m.has("resourceVersion")) {
      m.put("resourceVersion", "1");
    }
    objects.put(key(r, m.path("namespace").asText(""), m.path("name").asText()), obj);
    return this;
  }

  private static String key(GroupResource r, String ns, String name) {
    return r + "/" + (ns == null ? "" : ns) + "/" + name;
  }

  @Override
  public Optional<ObjectNode> get(GroupResource resource, String namespace, String name) {
    ObjectNode o = objects.get(key(resource, namespace, name));
    return Optional.ofNullable(o == null ? null : o.deepCopy());
  }

  @Override
  public Optional<ObjectNode> cached(GroupResource resource, String namespace, String name) {
    return get(resource, namespace, name);
  }

  @Override
  public List<ObjectNode> list(GroupResource resource, String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    String prefix = resource + "/" + (namespace == null ? "" : namespace + "/");
    objects.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.add(v.deepCopy());
          }
        });
    return out;
  }

  @Override
  public ObjectNode updateStatus(GroupResource resource, ObjectNode object) {
    String ns = object.path("metadata").path("namespace").asText("");
    String name = object.path("metadata").path("name").asText();
    ObjectNode stored = objects.get(key(resource, ns, name));
    String rv = stored.path("metadata").path("resourceVersion").asText();
    if (conflictsToInject > 0) {
      conflictsToInject--;
      // someone else wrote meanwhile
      stored.with("metadata").put("resourceVersion", Long.toString(Long.parseLong(rv) + 1));
      throw ConflictException.of(resource, name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
    }
    if (!rv.equals(object.path("metadata").path("resourceVersion").asText())) {
      throw ConflictException.of(resource, name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
    }
    ObjectNode next = stored.deepCopy();
    next.set("status", object.get("status"));
    next.with("metadata").put("resourceVersion", Long.toString(Long.parseLong(rv) + 1));
    objects.put(key(resource, ns, name), next);
    statusWrites++;
    return next;
  }

  @Override
  public boolean serves(GroupResource resource) {
    return true;
  }

  @Override
  public InstantSource clock() {
    return InstantSource.system();
  }
}

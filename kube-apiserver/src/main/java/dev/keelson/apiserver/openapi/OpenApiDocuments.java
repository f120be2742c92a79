package dev.keelson.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ListMeta;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.Status;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import dev.keelson.api.registry.Verbs;
import dev.keelson.apiserver.discovery.ApiSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The OpenAPI v3 documents kube-apiserver serves under {@code /openapi/v3}: one per group-version,
 * with a path per resource URL ({@code /api/v1/namespaces/{namespace}/pods}, {@code .../{name}},
 * {@code .../{name}/status}, {@code .../{name}/scale}, the cluster-scoped and all-namespaces
 * forms), operations tagged with {@code x-kubernetes-action} and {@code
 * x-kubernetes-group-version-kind} (kubectl explain finds a resource's kind this way), PATCH
 * operations declaring the {@code fieldValidation} query parameter (kubectl then leaves validation
 * to the server), and {@code components.schemas} named as Kubernetes names them, each kind's schema
 * carrying {@code x-kubernetes-group-version-kind}.
 *
 * <p>Built-in kinds' schemas come from their records ({@link SchemaGenerator}); custom resources'
 * from {@link CustomResourceSchemas}. Descriptions are left out: the records' Javadoc is not
 * available at run time.
 */
public final class OpenApiDocuments {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiDocuments() {}

  /** The key of a group-version in {@code /openapi/v3}: {@code api/v1} or {@code apis/apps/v1}. */
  public static String key(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  /** {@code GET /openapi/v3}: every group-version key with its document's URL and hash. */
  public static ObjectNode index(SortedMap<String, String> hashesByKey) {
    ObjectNode out = JSON.objectNode();
    ObjectNode paths = out.putObject("paths");
    hashesByKey.forEach(
        (key, hash) ->
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash));
    return out;
  }

  /** The document of {@code group/version}, or empty if it serves nothing. */
  public static Optional<ObjectNode> groupVersion(
      ApiSnapshot snapshot, String group, String version, CustomResourceSchemas custom) {
    List<ResourceType> types = snapshot.resources(group, version);
    if (types.isEmpty()) {
      return Optional.empty();
    }
    SchemaGenerator schemas = new SchemaGenerator();
    ObjectNode doc = JSON.objectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.32.4+keelson");
    ObjectNode paths = doc.putObject("paths");
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    for (ResourceType t : types) {
      String kindSchema = defineKind(schemas, t, custom);
      String listSchema = defineList(schemas, t, kindSchema);
      new Paths(paths, t, prefix, kindSchema, listSchema, schemas).addAll();
    }
    schemas.define(Status.class);
    addGvk(schemas.schemas().get(SchemaNames.STATUS), new GroupVersionKind("", "v1", "Status"));
    schemas.define(DeleteOptions.class);
    ObjectNode patch = JSON.objectNode();
    patch.put("type", "object");
    patch.put(
        "description",
        "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
    schemas.put(SchemaNames.PATCH, patch);
    ObjectNode components = doc.putObject("components");
    ObjectNode all = components.putObject("schemas");
    schemas.schemas().forEach(all::set);
    return Optional.of(doc);
  }

  private static String defineKind(
      SchemaGenerator schemas, ResourceType t, CustomResourceSchemas custom) {
    String name;
    if (t.isTyped()) {
      name = schemas.define(t.javaType());
    } else {
      name =
          t.javaTypeName() == null
              ? SchemaNames.ofCustomResource(t.gvk())
              : t.javaTypeName().replace("dev.keelson.api.", "io.k8s.api.");
      ObjectNode s =
          customSchema(t.javaTypeName() == null ? custom.schema(t.gvk()) : Optional.empty());
      ObjectNode props = s.with("properties");
      props.set("apiVersion", SchemaGenerator.scalar("string", null));
      props.set("kind", SchemaGenerator.scalar("string", null));
      props.set("metadata", SchemaGenerator.ref(schemas.define(ObjectMeta.class)));
      TopLevelFields.describeAll(s);
      schemas.put(name, s);
    }
    addGvk(schemas.schemas().get(name), t.gvk());
    return name;
  }

  /** A CRD's schema with Kubernetes' additions, or a free-form object without one. */
  private static ObjectNode customSchema(Optional<JsonNode> declared) {
    ObjectNode s;
    if (declared.isPresent() && declared.get().isObject()) {
      s = ((ObjectNode) declared.get()).deepCopy();
    } else {
      s = JSON.objectNode();
      s.put("x-kubernetes-preserve-unknown-fields", true);
    }
    s.put("type", "object");
    return s;
  }

  private static String defineList(SchemaGenerator schemas, ResourceType t, String kindSchema) {
    String name = kindSchema.substring(0, kindSchema.length() - t.kind().length()) + t.listKind();
    ObjectNode s = JSON.objectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    props.set("apiVersion", SchemaGenerator.scalar("string", null));
    ObjectNode items = props.putObject("items");
    items.put("type", "array");
    items.set("items", SchemaGenerator.ref(kindSchema));
    props.set("kind", SchemaGenerator.scalar("string", null));
    props.set("metadata", SchemaGenerator.ref(schemas.define(ListMeta.class)));
    s.putArray("required").add("items");
    TopLevelFields.describeAll(s);
    schemas.put(name, s);
    addGvk(s, t.listGvk());
    return name;
  }

  private static void addGvk(ObjectNode schema, GroupVersionKind gvk) {
    ArrayNode list =
        schema.has("x-kubernetes-group-version-kind")
            ? (ArrayNode) schema.get("x-kubernetes-group-version-kind")
            : schema.putArray("x-kubernetes-group-version-kind");
    ObjectNode g = gvkNode(gvk);
    if (!containsNode(list, g)) {
      list.add(g);
    }
  }

  private static boolean containsNode(ArrayNode list, ObjectNode n) {
    for (JsonNode e : list) {
      if (e.equals(n)) {
        return true;
      }
    }
    return false;
  }

  static ObjectNode gvkNode(GroupVersionKind gvk) {
    ObjectNode g = JSON.objectNode();
    g.put("group", gvk.group());
    g.put("kind", gvk.kind());
    g.put("version", gvk.version());
    return g;
  }

  /** The paths and operations of one resource. */
  private record Paths(
      ObjectNode paths,
      ResourceType t,
      String prefix,
      String kindSchema,
      String listSchema,
      SchemaGenerator schemas) {

    void addAll() {
      String collection =
          t.namespaced()
              ? prefix + "/namespaces/{namespace}/" + t.plural()
              : prefix + "/" + t.plural();
      String item = collection + "/{name}";
      ObjectNode c = pathItem(collection, false);
      if (t.supports(Verbs.LIST)) {
        c.set("get", list(listSchema, scope(), ""));
      }
      if (t.supports(Verbs.CREATE)) {
        c.set("post", write("create", "post", t.gvk(), kindSchema, "", List.of(200, 201, 202)));
      }
      if (t.supports(Verbs.DELETE_COLLECTION)) {
        c.set("delete", delete(true));
      }
      ObjectNode i = pathItem(item, true);
      if (t.supports(Verbs.GET)) {
        i.set("get", read(t.gvk(), kindSchema, ""));
      }
      if (t.supports(Verbs.UPDATE)) {
        i.set("put", write("replace", "put", t.gvk(), kindSchema, "", List.of(200, 201)));
      }
      if (t.supports(Verbs.PATCH)) {
        i.set("patch", patch(t.gvk(), kindSchema, ""));
      }
      if (t.supports(Verbs.DELETE)) {
        i.set("delete", delete(false));
      }
      if (t.namespaced() && t.supports(Verbs.LIST)) {
        ObjectNode all = pathItem(prefix + "/" + t.plural(), false);
        all.set("get", list(listSchema, "", "ForAllNamespaces"));
      }
      for (Subresource s : t.subresources()) {
        if (!s.name().equals("status") && !s.name().equals("scale")) {
          continue; // connect-style subresources (log, exec, ...) are not described
        }
        String schema =
            s.kind().equals(t.gvk())
                ? kindSchema
                : schemas.define(dev.keelson.api.autoscaling.v1.Scale.class);
        if (!s.kind().equals(t.gvk())) {
          addGvk(schemas.schemas().get(schema), s.kind());
        }
        String suffix = Character.toUpperCase(s.name().charAt(0)) + s.name().substring(1);
        ObjectNode p = pathItem(item + "/" + s.name(), true);
        if (s.verbs().contains(Verbs.GET)) {
          p.set("get", read(s.kind(), schema, suffix));
        }
        if (s.verbs().contains(Verbs.UPDATE)) {
          p.set("put", write("replace", "put", s.kind(), schema, suffix, List.of(200, 201)));
        }
        if (s.verbs().contains(Verbs.PATCH)) {
          p.set("patch", patch(s.kind(), schema, suffix));
        }
      }
    }

    private ObjectNode pathItem(String path, boolean named) {
      ObjectNode item = paths.putObject(path);
      ArrayNode params = item.putArray("parameters");
      if (named) {
        params.add(pathParameter("name", "name of the " + t.kind()));
      }
      if (t.namespaced() && path.contains("{namespace}")) {
        params.add(
            pathParameter(
                "namespace", "object name and auth scope, such as for teams and projects"));
      }
      params.add(
          query(
              "pretty",
              "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
              "string"));
      return item;
    }

    private ObjectNode operation(
        String verb, String action, GroupVersionKind gvk, String scope, String suffix) {
      ObjectNode op = JSON.objectNode();
      op.putArray("tags").add(tag());
      op.put("description", action + " " + t.kind() + suffix);
      op.put("operationId", verb + groupVersionId() + scope + t.kind() + suffix);
      op.putArray("parameters");
      op.put("x-kubernetes-action", action);
      op.set("x-kubernetes-group-version-kind", gvkNode(gvk));
      return op;
    }

    private ObjectNode list(String list, String scope, String suffix) {
      ObjectNode op = operation("list", "list", t.gvk(), scope, suffix);
      ArrayNode p = (ArrayNode) op.get("parameters");
      p.add(query("allowWatchBookmarks", "request watch events with type \"BOOKMARK\"", "boolean"));
      p.add(query("continue", "the continue token of the previous page", "string"));
      p.add(query("fieldSelector", "restrict the list by fields", "string"));
      p.add(query("labelSelector", "restrict the list by labels", "string"));
      p.add(query("limit", "the maximum number of items to return", "integer"));
      p.add(query("resourceVersion", "the resource version to list or watch from", "string"));
      p.add(query("resourceVersionMatch", "how resourceVersion applies", "string"));
      p.add(query("sendInitialEvents", "start a watch with the current state", "boolean"));
      p.add(query("timeoutSeconds", "timeout of the list or watch call", "integer"));
      p.add(query("watch", "watch for changes instead of listing", "boolean"));
      responses(op, list, List.of(200));
      return op;
    }

    private ObjectNode read(GroupVersionKind gvk, String schema, String suffix) {
      ObjectNode op = operation("read", "get", gvk, scope(), suffix);
      responses(op, schema, List.of(200));
      return op;
    }

    private ObjectNode write(
        String verb,
        String action,
        GroupVersionKind gvk,
        String schema,
        String suffix,
        List<Integer> codes) {
      ObjectNode op = operation(verb, action, gvk, scope(), suffix);
      writeParameters((ArrayNode) op.get("parameters"));
      ObjectNode body = op.putObject("requestBody");
      body.putObject("content")
          .putObject("application/json")
          .set("schema", SchemaGenerator.ref(schema));
      body.put("required", true);
      responses(op, schema, codes);
      return op;
    }

    private ObjectNode patch(GroupVersionKind gvk, String schema, String suffix) {
      ObjectNode op = operation("patch", "patch", gvk, scope(), suffix);
      ArrayNode p = (ArrayNode) op.get("parameters");
      writeParameters(p);
      p.add(
          query(
              "force",
              "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people.",
              "boolean"));
      ObjectNode body = op.putObject("requestBody");
      ObjectNode content = body.putObject("content");
      List<String> types =
          t.isTyped()
              ? List.of(
                  "application/apply-patch+yaml",
                  "application/json-patch+json",
                  "application/merge-patch+json",
                  "application/strategic-merge-patch+json")
              : List.of(
                  "application/apply-patch+yaml",
                  "application/json-patch+json",
                  "application/merge-patch+json");
      for (String type : types) {
        content.putObject(type).set("schema", SchemaGenerator.ref(SchemaNames.PATCH));
      }
      body.put("required", true);
      responses(op, schema, List.of(200, 201));
      return op;
    }

    private ObjectNode delete(boolean collection) {
      ObjectNode op =
          operation(
              collection ? "deleteCollection" : "delete",
              collection ? "deletecollection" : "delete",
              t.gvk(),
              scope(),
              "");
      ArrayNode p = (ArrayNode) op.get("parameters");
      p.add(
          query(
              "dryRun",
              "When present, indicates that modifications should not be persisted.",
              "string"));
      p.add(
          query(
              "gracePeriodSeconds",
              "The duration in seconds before the object should be deleted.",
              "integer"));
      p.add(
          query(
              "propagationPolicy",
              "Whether and how garbage collection will be performed: Orphan, Background or Foreground.",
              "string"));
      ObjectNode body = op.putObject("requestBody");
      body.putObject("content")
          .putObject("application/json")
          .set("schema", SchemaGenerator.ref(SchemaNames.DELETE_OPTIONS));
      responses(op, SchemaNames.STATUS, List.of(200, 202));
      return op;
    }

    private static void writeParameters(ArrayNode p) {
      p.add(
          query(
              "dryRun",
              "When present, indicates that modifications should not be persisted. Valid values are: All.",
              "string"));
      p.add(
          query(
              "fieldManager",
              "fieldManager is a name associated with the actor or entity that is making these changes.",
              "string"));
      p.add(
          query(
              "fieldValidation",
              "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default) and Strict.",
              "string"));
    }

    private static void responses(ObjectNode op, String schema, List<Integer> codes) {
      ObjectNode r = op.putObject("responses");
      for (int code : codes) {
        ObjectNode response = r.putObject(Integer.toString(code));
        response.put("description", code == 200 ? "OK" : code == 201 ? "Created" : "Accepted");
        response
            .putObject("content")
            .putObject("application/json")
            .set("schema", SchemaGenerator.ref(schema));
      }
    }

    private static ObjectNode pathParameter(String name, String description) {
      ObjectNode p = JSON.objectNode();
      p.put("name", name);
      p.put("in", "path");
      p.put("description", description);
      p.put("required", true);
      ObjectNode s = p.putObject("schema");
      s.put("type", "string");
      s.put("uniqueItems", true);
      return p;
    }

    private static ObjectNode query(String name, String description, String type) {
      ObjectNode p = JSON.objectNode();
      p.put("name", name);
      p.put("in", "query");
      p.put("description", description);
      ObjectNode s = p.putObject("schema");
      s.put("type", type);
      s.put("uniqueItems", true);
      return p;
    }

    private String scope() {
      return t.namespaced() ? "Namespaced" : "";
    }

    private String tag() {
      return (t.group().isEmpty() ? "core" : t.group().split("\\.", 2)[0]) + "_" + t.version();
    }

    /** {@code CoreV1}, {@code AppsV1}, {@code EventsV1}; {@code ExampleComV1} for CRD groups. */
    private String groupVersionId() {
      StringBuilder b = new StringBuilder();
      if (t.group().isEmpty()) {
        b.append("Core");
      } else {
        String[] labels = t.group().split("\\.");
        int n = t.group().endsWith(".k8s.io") ? 1 : labels.length;
        for (int i = 0; i < n; i++) {
          b.append(capitalize(labels[i].replace("-", "")));
        }
      }
      return b.append(capitalize(t.version())).toString();
    }

    private static String capitalize(String s) {
      return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
  }
}

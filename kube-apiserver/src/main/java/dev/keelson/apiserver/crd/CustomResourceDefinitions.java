package dev.keelson.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.apiextensions.schema.CrdValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.registry.ResourceConflictException;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import dev.keelson.api.registry.Verbs;
import dev.keelson.apiserver.openapi.CustomResourceSchemas;
import dev.keelson.apiserver.rest.CustomResourceHooks;
import dev.keelson.apiserver.rest.ResourceHandler;
import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchRequest;
import dev.keelson.watch.ResourceKeys;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the resources of the stored CustomResourceDefinitions, as kube-apiserver's apiextensions
 * controllers do (naming, establishing, finalizing), on one thread:
 *
 * <ul>
 *   <li>a new or changed CRD has its names checked against the group's other CRDs and built-in
 *       resources; accepted names are registered (discovery and OpenAPI follow the registry) and
 *       only then is the status written: {@code acceptedNames}, {@code NamesAccepted} ({@code
 *       NoConflicts}, or {@code PluralConflict}, {@code KindConflict}, ...), {@code Established}
 *       ({@code InitialNamesAccepted}) and {@code storedVersions};
 *   <li>a deleted CRD (held by {@code customresourcecleanup.apiextensions.k8s.io}) has its custom
 *       resources deleted, then its finalizer removed; once it is gone its resource is unserved.
 * </ul>
 *
 * CRDs are read from the store at {@link #start()} (serving survives restarts) and followed by a
 * store watch, so CRDs written by another API server on the same store are served too.
 */
public final class CustomResourceDefinitions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CustomResourceDefinitions.class);
  private static final long RETRY_MILLIS = 500;

  private final ResourceRegistry registry;
  private final Store store;
  private final ResourceHandler handler;
  private final InstantSource clock;
  private final ResourceKeys keys =
      new ResourceKeys("apiextensions.k8s.io", "customresourcedefinitions", false);
  private final Map<GroupResource, ServedCrd> served = new ConcurrentHashMap<>();
  private final CrdHooks hooks;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "crd-controller");
            t.setDaemon(true);
            return t;
          });
  private volatile Watch watch;
  private volatile boolean closed;

  /**
   * A controller over {@code store}'s CRDs, serving through {@code registry} and {@code handler}.
   */
  public CustomResourceDefinitions(
      ResourceRegistry registry, Store store, ResourceHandler handler, InstantSource clock) {
    this.registry = registry;
    this.store = store;
    this.handler = handler;
    this.clock = clock;
    this.hooks = new CrdHooks(served, clock);
  }

  /** The custom resource rules for the resource API. */
  public CustomResourceHooks hooks() {
    return hooks;
  }

  /** The OpenAPI schemas of the served custom resources. */
  public CustomResourceSchemas schemas() {
    return this::schema;
  }

  private Optional<JsonNode> schema(GroupVersionKind gvk) {
    for (ServedCrd crd : served.values()) {
      if (crd.group().equals(gvk.group()) && crd.kind().equals(gvk.kind())) {
        return Optional.ofNullable(crd.schemas().get(gvk.version()));
      }
    }
    return Optional.empty();
  }

  /**
   * Serves the stored CRDs (synchronously: when this returns, every established CRD is served) and
   * starts following changes.
   */
  public void start() {
    if (registry.byGroupResource(CrdHooks.CRDS).isEmpty()) {
      return; // the server does not serve CRDs
    }
    byte[] prefix = keys.prefix().getBytes(StandardCharsets.UTF_8);
    RangeResult all = store.range(RangeRequest.prefix(prefix));
    for (KeyValue kv : all.kvs()) {
      sync(nameOf(kv.keyString()));
    }
    watch =
        store.watch(
            WatchRequest.prefix(prefix).fromRevision(all.revision() + 1),
            events -> {
              for (WatchEvent e : events) {
                String name = nameOf(e.kv().keyString());
                worker.execute(() -> sync(name));
              }
            });
  }

  private String nameOf(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private byte[] key(String name) {
    return keys.key(null, name).getBytes(StandardCharsets.UTF_8);
  }

  /** Brings one CRD's serving and status up to date. */
  private synchronized void sync(String name) {
    if (closed) {
      return;
    }
    try {
      syncOnce(name);
    } catch (dev.keelson.store.ConflictException | dev.keelson.store.KeyNotFoundException e) {
      retry(name, 0); // changed meanwhile: the watch brings the new state
    } catch (RuntimeException e) {
      LOG.warn("CRD {}: {}", name, e.toString());
      retry(name, RETRY_MILLIS);
    }
  }

  private void retry(String name, long millis) {
    if (!closed) {
      worker.schedule(() -> sync(name), millis, TimeUnit.MILLISECONDS);
    }
  }

  private void syncOnce(String name) {
    Optional<KeyValue> kv = store.get(key(name));
    int dot = name.indexOf('.');
    if (kv.isEmpty()) {
      if (dot > 0) {
        unserve(GroupResource.of(name.substring(dot + 1), name.substring(0, dot)));
      }
      return;
    }
    ObjectNode crd = (ObjectNode) KubeJson.parse(kv.get().value());
    ObjectNode before = crd.deepCopy();
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    GroupResource gr = GroupResource.of(group, spec.path("names").path("plural").asText(""));
    String now = Times.format(clock.instant());
    boolean terminating = crd.path("metadata").hasNonNull("deletionTimestamp");

    Optional<String> conflict = conflict(name, crd);
    ObjectNode status = crd.get("status") instanceof ObjectNode s ? s : crd.putObject("status");
    boolean established = Conditions.status(crd, "Established").equals("True");
    boolean accepted = conflict.isEmpty();
    if (accepted) {
      List<ResourceType> types = types(crd);
      try {
        ServedCrd old = served.get(gr);
        // the schema first, then the resource: a request that finds the resource finds its rules
        served.put(gr, served(crd, types, terminating));
        try {
          registry.replaceAll(gr, types);
        } catch (ResourceConflictException e) {
          if (old == null) {
            served.remove(gr);
          } else {
            served.put(gr, old);
          }
          throw e;
        }
        if (old != null && !old.types().equals(types)) {
          handler.forget(gr);
        }
      } catch (ResourceConflictException e) {
        accepted = false;
        conflict = Optional.of("PluralConflict:" + e.getMessage());
      }
    }
    if (accepted) {
      status.set("acceptedNames", spec.path("names").deepCopy());
      Conditions.set(crd, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
      Conditions.set(
          crd,
          "Established",
          "True",
          "InitialNamesAccepted",
          "the initial names have been accepted",
          now);
      ArrayNode stored =
          status.get("storedVersions") instanceof ArrayNode a
              ? a
              : status.putArray("storedVersions");
      String storage = storageVersion(spec);
      boolean has = false;
      for (JsonNode v : stored) {
        has |= v.asText().equals(storage);
      }
      if (!has && storage != null) {
        stored.add(storage);
      }
    } else {
      String[] c = conflict.get().split(":", 2);
      if (!status.has("acceptedNames")) {
        status.putObject("acceptedNames").put("plural", "").put("kind", "");
      }
      Conditions.set(crd, "NamesAccepted", "False", c[0], c[1], now);
      if (!established) {
        Conditions.set(
            crd, "Established", "False", "NotAccepted", "not all names are accepted", now);
      }
    }
    if (terminating && hasFinalizer(crd)) {
      Conditions.set(
          crd,
          "Terminating",
          "True",
          "InstanceDeletionInProgress",
          "CustomResource deletion is in progress",
          now);
      long rev = write(name, kv.get(), before, crd);
      long remaining = deleteInstances(crd);
      if (remaining > 0) {
        retry(name, RETRY_MILLIS);
        return;
      }
      KeyValue current = store.get(key(name)).orElse(null);
      if (current == null) {
        return;
      }
      ObjectNode fresh = (ObjectNode) KubeJson.parse(current.value());
      removeFinalizer(fresh);
      Conditions.set(
          fresh, "Terminating", "True", "InstanceDeletionCompleted", "removed all instances", now);
      if (fresh.path("metadata").path("finalizers").isEmpty()) {
        store.delete(key(name), current.modRevision());
      } else {
        store.update(key(name), KubeJson.encode(fresh), current.modRevision());
      }
      return;
    }
    write(name, kv.get(), before, crd);
  }

  /** Writes the CRD if it changed; returns its revision. */
  private long write(String name, KeyValue kv, ObjectNode before, ObjectNode crd) {
    if (before.equals(crd)) {
      return kv.modRevision();
    }
    return store.update(key(name), KubeJson.encode(crd), kv.modRevision());
  }

  private long deleteInstances(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    String storage = storageVersion(spec);
    String kind = spec.path("names").path("kind").asText("");
    ResourceType type =
        ResourceType.of(
            spec.path("group").asText(),
            storage == null ? "v1" : storage,
            kind.isEmpty() ? "Unknown" : kind,
            spec.path("names").path("plural").asText(),
            spec.path("scope").asText().equals("Namespaced"));
    try {
      return handler.deleteAll(type);
    } catch (RuntimeException e) {
      LOG.warn("deleting the custom resources of {}: {}", type.groupResource(), e.toString());
      return 1;
    }
  }

  private static boolean hasFinalizer(JsonNode crd) {
    for (JsonNode f : crd.path("metadata").path("finalizers")) {
      if (f.asText().equals(CrdValidation.CLEANUP_FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  private static void removeFinalizer(ObjectNode crd) {
    if (crd.path("metadata").get("finalizers") instanceof ArrayNode a) {
      for (int i = a.size() - 1; i >= 0; i--) {
        if (a.get(i).asText().equals(CrdValidation.CLEANUP_FINALIZER)) {
          a.remove(i);
        }
      }
      if (a.isEmpty()) {
        ((ObjectNode) crd.get("metadata")).remove("finalizers");
      }
    }
  }

  private void unserve(GroupResource gr) {
    if (served.remove(gr) != null) {
      registry.removeAll(gr);
      handler.forget(gr);
    }
  }

  /**
   * The first name conflict of {@code crd} with the group's other CRDs (their accepted names) or
   * built-in resources, as {@code Reason:message}; empty if its names are free.
   */
  private Optional<String> conflict(String name, JsonNode crd) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    JsonNode requested = spec.path("names");
    JsonNode acceptedNow = crd.path("status").path("acceptedNames");
    Set<String> resources = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    byte[] prefix = keys.prefix().getBytes(StandardCharsets.UTF_8);
    for (KeyValue kv : store.range(RangeRequest.prefix(prefix)).kvs()) {
      JsonNode other = KubeJson.parse(kv.value());
      JsonNode os = other.path("spec");
      if (nameOf(kv.keyString()).equals(name) || !os.path("group").asText("").equals(group)) {
        continue;
      }
      JsonNode a = other.path("status").path("acceptedNames");
      add(resources, a.path("plural"), a.path("singular"));
      a.path("shortNames").forEach(s -> resources.add(s.asText()));
      add(kinds, a.path("kind"), a.path("listKind"));
    }
    for (ResourceType t : registry.all()) {
      // Registered resources that no CRD serves are built-in: never taken over.
      if (t.group().equals(group) && !served.containsKey(t.groupResource())) {
        resources.add(t.plural());
        resources.add(t.singular());
        resources.addAll(t.shortNames());
        kinds.add(t.kind());
        kinds.add(t.listKind());
      }
    }
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("plural", "PluralConflict");
    checks.put("singular", "SingularConflict");
    for (Map.Entry<String, String> c : checks.entrySet()) {
      String want = requested.path(c.getKey()).asText("");
      boolean builtin =
          c.getKey().equals("plural")
              && registry.byGroupResource(GroupResource.of(group, want)).isPresent()
              && !served.containsKey(GroupResource.of(group, want));
      if (!want.isEmpty()
          && (builtin
              || (!want.equals(acceptedNow.path(c.getKey()).asText(""))
                  && resources.contains(want)))) {
        return Optional.of(c.getValue() + ":\"" + want + "\" is already in use");
      }
    }
    Set<String> ownShort = new HashSet<>();
    acceptedNow.path("shortNames").forEach(s -> ownShort.add(s.asText()));
    List<String> shortErrors = new ArrayList<>();
    for (JsonNode s : requested.path("shortNames")) {
      if (!ownShort.contains(s.asText()) && resources.contains(s.asText())) {
        shortErrors.add("\"" + s.asText() + "\" is already in use");
      }
    }
    if (!shortErrors.isEmpty()) {
      return Optional.of(
          "ShortNamesConflict:"
              + (shortErrors.size() == 1
                  ? shortErrors.get(0)
                  : "[" + String.join(", ", shortErrors) + "]"));
    }
    checks.clear();
    checks.put("kind", "KindConflict");
    checks.put("listKind", "ListKindConflict");
    for (Map.Entry<String, String> c : checks.entrySet()) {
      String want = requested.path(c.getKey()).asText("");
      if (!want.isEmpty()
          && !want.equals(acceptedNow.path(c.getKey()).asText(""))
          && kinds.contains(want)) {
        return Optional.of(c.getValue() + ":\"" + want + "\" is already in use");
      }
    }
    return Optional.empty();
  }

  private static void add(Set<String> set, JsonNode... values) {
    for (JsonNode v : values) {
      if (!v.asText("").isEmpty()) {
        set.add(v.asText());
      }
    }
  }

  private static String storageVersion(JsonNode spec) {
    for (JsonNode v : spec.path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        return v.path("name").asText();
      }
    }
    return null;
  }

  /** One resource type per served version. */
  private static List<ResourceType> types(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String group = spec.path("group").asText();
    String kind = names.path("kind").asText();
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(false)) {
        continue;
      }
      String version = v.path("name").asText();
      List<Subresource> subs = new ArrayList<>();
      if (v.path("subresources").has("status")) {
        subs.add(Subresource.status(new GroupVersionKind(group, version, kind)));
      }
      if (v.path("subresources").has("scale")) {
        subs.add(Subresource.scale());
      }
      types.add(
          new ResourceType(
              group,
              version,
              kind,
              names.path("plural").asText(),
              names.path("singular").asText(null),
              strings(names.path("shortNames")),
              spec.path("scope").asText().equals("Namespaced"),
              Verbs.ALL,
              strings(names.path("categories")),
              subs,
              names.path("listKind").asText(null),
              null));
    }
    return types;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static ServedCrd served(JsonNode crd, List<ResourceType> types, boolean terminating) {
    JsonNode spec = crd.path("spec");
    Map<String, JsonNode> schemas = new HashMap<>();
    Map<String, CustomResourceHooks.ScalePaths> scale = new HashMap<>();
    for (JsonNode v : spec.path("versions")) {
      String version = v.path("name").asText();
      JsonNode schema = v.path("schema").get("openAPIV3Schema");
      if (schema != null && schema.isObject()) {
        schemas.put(version, schema);
      }
      JsonNode sc = v.path("subresources").get("scale");
      if (sc != null && sc.isObject()) {
        scale.put(
            version,
            new CustomResourceHooks.ScalePaths(
                sc.path("specReplicasPath").asText(".spec.replicas"),
                sc.path("statusReplicasPath").asText(".status.replicas"),
                sc.path("labelSelectorPath").asText(null)));
      }
    }
    return new ServedCrd(
        crd,
        spec.path("group").asText(),
        spec.path("names").path("kind").asText(),
        storageVersion(spec),
        Map.copyOf(schemas),
        Map.copyOf(scale),
        terminating,
        List.copyOf(types));
  }

  @Override
  public void close() {
    closed = true;
    Watch w = watch;
    if (w != null) {
      try {
        w.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    worker.shutdownNow();
  }
}

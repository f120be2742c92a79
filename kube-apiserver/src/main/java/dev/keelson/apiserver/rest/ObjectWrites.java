package dev.keelson.apiserver.rest;

import static dev.keelson.apiserver.rest.StoredObjects.meta;
import static dev.keelson.apiserver.rest.StoredObjects.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.api.errors.UnsupportedMediaTypeException;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.patch.JsonMergePatch;
import dev.keelson.api.patch.JsonPatch;
import dev.keelson.api.patch.StrategicMergePatch;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import dev.keelson.api.validation.PodValidation;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.UserInfo;
import dev.keelson.apiserver.http.Request;
import dev.keelson.store.Compare;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Op;
import dev.keelson.store.OpResult;
import dev.keelson.store.Store;
import dev.keelson.store.StoreException;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.watch.ListResult;
import dev.keelson.watch.StoredObject;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * create, update, patch, delete and deletecollection with Kubernetes' semantics: uid and
 * creationTimestamp set on create, generateName, generation bumped on spec changes only, optimistic
 * concurrency on resourceVersion (409 Conflict), status kept apart from spec for resources with a
 * status subresource, finalizers and deletionTimestamp, dryRun=All.
 */
final class ObjectWrites {
  /**
   * How often an update without a resourceVersion retries a lost race. kube-apiserver's
   * GuaranteedUpdate retries such writes until they land; the bound only stops a livelock (20
   * concurrent patches of one object exhausted a bound of 5).
   */
  private static final int MAX_RETRIES = 64;

  /** How often a Service write retries because another API server changed the ranges. */
  private static final int MAX_RANGE_RETRIES = 100;

  private static final String GENERATE_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/apply-patch+yaml");

  /** The namespaces every cluster has. */
  static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final ResourceHandler handler;
  private final Store store;
  private final InstantSource clock;
  private final ServiceAllocations services;

  /**
   * The outcome of a write: the object to answer with, and warnings for the client.
   *
   * @param json the object's JSON when the write has it already (a create: its stored bytes with
   *     the resource version), else null
   */
  record Result(
      ObjectNode object, List<String> warnings, boolean dryRun, boolean created, byte[] json) {
    Result(ObjectNode object, List<String> warnings, boolean dryRun) {
      this(object, warnings, dryRun, false, null);
    }

    Result(ObjectNode object, List<String> warnings, boolean dryRun, boolean created) {
      this(object, warnings, dryRun, created, null);
    }
  }

  /** A created object, and its JSON when the create encoded it once for store and answer. */
  private record Created(ObjectNode object, byte[] json) {}

  /** Which request's manager an ordinary write records in managedFields, through which sub. */
  private record Track(Request request, String sub) {}

  private final FieldManagers fieldManagers;

  ObjectWrites(
      ResourceHandler handler, Store store, InstantSource clock, ServiceAllocations services) {
    this.handler = handler;
    this.store = store;
    this.clock = clock;
    this.services = services;
    this.fieldManagers = new FieldManagers(handler::hooks, clock);
  }

  /** Whether writes of this resource allocate cluster IPs and node ports (core/v1 Services). */
  private static boolean allocates(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("services");
  }

  // ---------------------------------------------------------------- create

  Result create(ResourceContext ctx, String namespace, Request r) {
    FieldValidation validation = ResourceHandler.fieldValidation(r);
    boolean dryRun = ResourceHandler.dryRun(r);
    Bodies.Body body = pruned(ctx, Bodies.decodeObject(r, ctx.type(), validation), validation);
    Created c = createObject(ctx, namespace, body.object(), dryRun, r);
    return new Result(c.object(), body.warnings(), dryRun, false, c.json());
  }

  ObjectNode create(ResourceContext ctx, String namespace, ObjectNode obj, boolean dryRun) {
    return create(ctx, namespace, obj, dryRun, null);
  }

  /** Creates {@code obj}; with a request, records its manager's fields in managedFields. */
  private ObjectNode create(
      ResourceContext ctx, String namespace, ObjectNode obj, boolean dryRun, Request r) {
    return createObject(ctx, namespace, obj, dryRun, r).object();
  }

  private Created createObject(
      ResourceContext ctx, String namespace, ObjectNode obj, boolean dryRun, Request r) {
    ResourceType type = ctx.type();
    ObjectNode m = metadata(obj);
    String bodyNamespace = meta(obj, "namespace");
    if (type.namespaced()) {
      if (bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
        throw BadRequestException.of(
            "the namespace of the provided object does not match the namespace sent on the request");
      }
      m.put("namespace", namespace);
    } else {
      m.remove("namespace");
    }
    String name = meta(obj, "name");
    String generateName = meta(obj, "generateName");
    if ((name == null || name.isEmpty()) && generateName != null && !generateName.isEmpty()) {
      m.put("name", generateName + randomSuffix());
    }
    name = meta(obj, "name");
    m.put("uid", Uids.next());
    m.put("creationTimestamp", Times.format(clock.instant()));
    if (Defaults.tracksGeneration(type)) {
      m.put("generation", 1);
    } else {
      m.remove("generation");
    }
    m.remove(
        List.of("resourceVersion", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"));
    Defaults.onCreate(type, obj, ctx.hasStatusSubresource());
    CustomResourceHooks hooks = handler.hooks();
    hooks.applyDefaults(type, obj);
    Attributes admission =
        attributes(Operation.CREATE, ctx, null, namespace, meta(obj, "name"), obj, null, dryRun);
    handler.admission().admit(admission);
    name = meta(obj, "name");
    if (r != null) {
      fieldManagers.update(ctx, null, null, obj, r);
    }
    if (allocates(type)) {
      services.prepare(null, obj);
    }
    validate(ctx, obj, null);
    hooks.checkCreate(type);
    handler.admission().validate(admission);
    if (allocates(type)) {
      return new Created(createAllocating(ctx, namespace, name, obj, dryRun), null);
    }
    if (dryRun) {
      return new Created(obj, null);
    }
    try {
      ObjectNode stored = hooks.toStorage(type, obj);
      // stored as served (every built-in): one encoding for the store and the answer
      StoredObjects.Encoded encoded =
          stored == obj && obj.get("metadata") == m ? StoredObjects.encodeNew(obj) : null;
      long rev =
          store.create(
              ctx.key(namespace, name),
              encoded != null ? encoded.stored() : StoredObjects.write(stored));
      String rv = Long.toString(rev);
      m.put("resourceVersion", rv);
      return new Created(obj, encoded == null ? null : encoded.withResourceVersion(rv));
    } catch (StoreException e) {
      throw StoreErrors.translate(e, type, name);
    }
  }

  /** Creates a Service with its cluster IP and node ports, in one store transaction. */
  private ObjectNode createAllocating(
      ResourceContext ctx, String namespace, String name, ObjectNode obj, boolean dryRun) {
    byte[] key = ctx.key(namespace, name);
    services.lock().lock();
    try {
      for (int attempt = 0; ; attempt++) {
        ObjectNode next = obj.deepCopy();
        ServiceAllocations.Plan plan = services.plan(null, next);
        if (dryRun) {
          return next;
        }
        long rev = commit(key, 0, Op.put(key, StoredObjects.write(next)), plan);
        if (rev > 0) {
          metadata(next).put("resourceVersion", Long.toString(rev));
          return next;
        }
        if (attempt >= MAX_RANGE_RETRIES) {
          throw ServiceUnavailableException.of("the service allocation ranges keep changing");
        }
      }
    } catch (StoreException e) {
      throw StoreErrors.translate(e, ctx.type(), name);
    } finally {
      services.lock().unlock();
    }
  }

  /**
   * Writes {@code key} (expected at mod revision {@code expected}, or absent if 0) together with an
   * allocation plan. Returns the new revision, or -1 if only the allocation ranges changed
   * meanwhile (recompute the plan and try again).
   *
   * @throws StoreException if the key itself is not as expected
   */
  private long commit(byte[] key, long expected, Op op, ServiceAllocations.Plan plan) {
    List<Compare> compares = new ArrayList<>();
    compares.add(expected == 0 ? Compare.absent(key) : Compare.modRevisionEquals(key, expected));
    compares.addAll(plan.compares());
    List<Op> ops = new ArrayList<>();
    ops.add(op);
    ops.addAll(plan.ops());
    TxnResult r =
        store.txn(
            Txn.when(compares.toArray(Compare[]::new))
                .then(ops.toArray(Op[]::new))
                .orElse(Op.get(key)));
    if (r.succeeded()) {
      return r.revision();
    }
    java.util.Optional<KeyValue> now = ((OpResult.GetResult) r.results().get(0)).kv();
    if (expected == 0) {
      if (now.isPresent()) {
        throw new dev.keelson.store.KeyExistsException(key, now.get().modRevision());
      }
      return -1;
    }
    if (now.isEmpty()) {
      throw new dev.keelson.store.KeyNotFoundException(key);
    }
    if (now.get().modRevision() != expected) {
      throw new dev.keelson.store.ConflictException(key, expected, now.get().modRevision());
    }
    return -1;
  }

  void ensureSystemNamespaces() {
    ResourceContext ns = handler.context("", "namespaces");
    for (String name : SYSTEM_NAMESPACES) {
      if (store.get(ns.key(null, name)).isEmpty()) {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "v1").put("kind", "Namespace");
        obj.putObject("metadata").put("name", name);
        try {
          create(ns, null, obj, false);
        } catch (dev.keelson.api.errors.AlreadyExistsException e) {
          // created concurrently by another API server on the same store
        }
      }
    }
  }

  /**
   * Creates {@code default/kubernetes} if absent, as kube-apiserver's bootstrap controller does: a
   * ClusterIP Service at the range's first address, port 443 named https to the server's port.
   */
  void ensureKubernetesService(ResourceContext ctx, String ip, int securePort) {
    if (store.get(ctx.key("default", "kubernetes")).isPresent()) {
      return;
    }
    ObjectNode obj = JsonNodeFactory.instance.objectNode();
    obj.put("apiVersion", "v1").put("kind", "Service");
    ObjectNode m = obj.putObject("metadata").put("name", "kubernetes");
    m.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
    ObjectNode spec = obj.putObject("spec");
    spec.put("type", "ClusterIP").put("clusterIP", ip).put("sessionAffinity", "None");
    spec.putArray("ports")
        .addObject()
        .put("name", "https")
        .put("protocol", "TCP")
        .put("port", 443)
        .put("targetPort", securePort);
    try {
      create(ctx, "default", obj, false);
    } catch (dev.keelson.api.errors.AlreadyExistsException e) {
      // created concurrently by another API server on the same store
    }
  }

  private static String randomSuffix() {
    char[] c = new char[5];
    for (int i = 0; i < c.length; i++) {
      c[i] = GENERATE_CHARS.charAt(RANDOM.nextInt(GENERATE_CHARS.length()));
    }
    return new String(c);
  }

  // ---------------------------------------------------------------- update and patch

  Result update(ResourceContext ctx, String namespace, String name, String sub, Request r) {
    FieldValidation validation = ResourceHandler.fieldValidation(r);
    boolean dryRun = ResourceHandler.dryRun(r);
    Bodies.Body body = pruned(ctx, Bodies.decodeObject(r, ctx.type(), validation), validation);
    ObjectNode obj = body.object();
    checkIdentity(ctx.type(), obj, namespace, name);
    String precondition = meta(obj, "resourceVersion");
    return new Result(
        replace(
            ctx,
            namespace,
            name,
            sub,
            current -> obj.deepCopy(),
            precondition,
            dryRun,
            new Track(r, sub)),
        body.warnings(),
        dryRun);
  }

  Result patch(ResourceContext ctx, String namespace, String name, String sub, Request r) {
    FieldValidation validation = ResourceHandler.fieldValidation(r);
    boolean dryRun = ResourceHandler.dryRun(r);
    String media = Bodies.mediaType(r);
    if (media.equals("application/apply-patch+yaml")) {
      return apply(ctx, namespace, name, sub, r, validation, dryRun);
    }
    FieldManagers.refuseForce(r);
    if (media.equals("application/strategic-merge-patch+json") && !ctx.type().isTyped()) {
      throw UnsupportedMediaTypeException.of(
          "the body of the request was in an unknown format - accepted media types include: "
              + "application/json-patch+json, application/merge-patch+json, "
              + "application/apply-patch+yaml");
    }
    JsonNode patch = Bodies.parse(r, PATCH_TYPES);
    List<String> warnings = new ArrayList<>();
    ObjectNode result =
        replace(
            ctx,
            namespace,
            name,
            sub,
            current -> {
              JsonNode patched =
                  switch (media) {
                    case "application/json-patch+json" -> JsonPatch.apply(current, patch);
                    case "application/merge-patch+json" -> JsonMergePatch.apply(current, patch);
                    default -> StrategicMergePatch.apply(current, patch, ctx.type().javaType());
                  };
              Bodies.Body body =
                  pruned(ctx, Bodies.decodeTree(patched, ctx.type(), validation), validation);
              warnings.clear();
              warnings.addAll(body.warnings());
              ObjectNode obj = body.object();
              checkIdentity(ctx.type(), obj, namespace, name);
              if (Objects.equals(meta(obj, "resourceVersion"), meta(current, "resourceVersion"))) {
                // The patch names no resourceVersion: it applies to whatever is current, and a
                // lost race is retried on the fresh object, as kube-apiserver does.
                metadata(obj).remove("resourceVersion");
              }
              return obj;
            },
            null,
            dryRun,
            new Track(r, sub));
    return new Result(result, warnings, dryRun);
  }

  /**
   * Server-side apply (PATCH with {@code application/apply-patch+yaml}): merges the applied
   * configuration into the object by field ownership, or creates the object if absent (201).
   */
  private Result apply(
      ResourceContext ctx,
      String namespace,
      String name,
      String sub,
      Request r,
      FieldValidation validation,
      boolean dryRun) {
    dev.keelson.api.apply.FieldManager.Writer writer =
        fieldManagers.applier(ctx.type(), r, sub == null ? "" : sub);
    dev.keelson.api.apply.FieldManager manager = fieldManagers.of(ctx, sub);
    JsonNode parsed = Bodies.parse(r, PATCH_TYPES);
    if (parsed instanceof ObjectNode o && o.path("metadata").has("managedFields")) {
      throw BadRequestException.of("metadata.managedFields must be nil");
    }
    String version = parsed.path("apiVersion").asText("");
    if (!version.equals(ctx.type().apiVersion())) {
      throw BadRequestException.of(
          "Incorrect version specified in apply patch. Specified patch version: "
              + version
              + ", expected: "
              + ctx.type().apiVersion());
    }
    Bodies.Body body = pruned(ctx, Bodies.decodeTree(parsed, ctx.type(), validation), validation);
    ObjectNode config = body.object();
    checkIdentity(ctx.type(), config, namespace, name);
    if (ctx.type().namespaced()) {
      metadata(config).put("namespace", namespace);
    }
    if (sub != null || store.get(ctx.key(namespace, name)).isPresent()) {
      ObjectNode result =
          replace(
              ctx,
              namespace,
              name,
              sub,
              current -> {
                ObjectNode next = manager.apply(current, config, writer);
                if (Objects.equals(meta(next, "resourceVersion"), meta(current, "resourceVersion"))
                    && meta(config, "resourceVersion") == null) {
                  metadata(next).remove("resourceVersion");
                }
                return next;
              },
              null,
              dryRun,
              null);
      return new Result(result, body.warnings(), dryRun);
    }
    ObjectNode created = create(ctx, namespace, manager.apply(null, config, writer), dryRun, null);
    return new Result(created, body.warnings(), dryRun, true);
  }

  /** POST pods/NAME/binding: assigns the pod to a node, once. */
  void bind(ResourceContext ctx, String namespace, String name, Request r) {
    JsonNode body = Bodies.parseObject(r, new GroupVersionKind("", "v1", "Binding"));
    String node = PodSubresources.bindingTarget(name, body);
    if (ResourceHandler.dryRun(r)) {
      return;
    }
    replace(
        ctx,
        namespace,
        name,
        "binding",
        current -> PodSubresources.bind(current, name, node, clock),
        null,
        false,
        null);
  }

  /** POST pods/NAME/eviction: deletes the pod with the Eviction's delete options. */
  void evict(ResourceContext ctx, String namespace, String name, Request r) {
    JsonNode body = Bodies.parseObject(r, new GroupVersionKind("policy", "v1", "Eviction"));
    JsonNode options = body.path("deleteOptions");
    byte[] deleteBody = options.isObject() ? KubeJson.encode(options) : new byte[0];
    Map<String, List<String>> headers = new HashMap<>(r.headers());
    headers.put("content-type", List.of("application/json")); // the options were re-encoded
    Request asDelete =
        new Request("DELETE", r.path(), r.query(), headers, deleteBody, r.protocol(), r.remote());
    boolean dryRun = DeleteRequest.of(asDelete).dryRun();
    KeyValue kv =
        store
            .get(ctx.key(namespace, name))
            .orElseThrow(() -> ResourceHandler.notFound(ctx.type(), name));
    Evictions.checkBudget(handler.admissionContext(), StoredObjects.read(kv), dryRun, clock);
    delete(ctx, namespace, name, asDelete);
  }

  /** PUT or PATCH of the scale subresource: changes {@code spec.replicas} of the workload. */
  Result scale(ResourceContext ctx, String namespace, String name, Request r) {
    boolean dryRun = ResourceHandler.dryRun(r);
    CustomResourceHooks.ScalePaths paths = handler.scalePaths(ctx.type());
    String[] precondition = new String[1];
    JsonNode body;
    if (r.method().equals("PUT")) {
      body = Bodies.parseObject(r, new GroupVersionKind("autoscaling", "v1", "Scale"));
      precondition[0] = body.path("metadata").path("resourceVersion").asText(null);
    } else {
      body = null;
    }
    String media = Bodies.mediaType(r);
    JsonNode patch =
        body == null
            ? Bodies.parse(
                r,
                List.of(
                    "application/json-patch+json",
                    "application/merge-patch+json",
                    "application/strategic-merge-patch+json"))
            : null;
    ObjectNode result =
        replace(
            ctx,
            namespace,
            name,
            null,
            current -> {
              JsonNode scale = body;
              if (scale == null) {
                ObjectNode view = ScaleSubresource.of(current, paths);
                scale =
                    switch (media) {
                      case "application/json-patch+json" -> JsonPatch.apply(view, patch);
                      case "application/merge-patch+json" -> JsonMergePatch.apply(view, patch);
                      default ->
                          StrategicMergePatch.apply(
                              view, patch, dev.keelson.api.autoscaling.v1.Scale.class);
                    };
                String rv = scale.path("metadata").path("resourceVersion").asText(null);
                if (rv != null && !rv.equals(meta(current, "resourceVersion"))) {
                  precondition[0] = rv;
                }
              }
              int replicas = ScaleSubresource.replicas(ctx.type(), name, scale);
              ObjectNode next = current.deepCopy();
              ScaleSubresource.set(next, paths.specReplicas(), replicas);
              metadata(next).remove("resourceVersion");
              return next;
            },
            null,
            dryRun,
            precondition,
            new Track(r, "scale"));
    return new Result(ScaleSubresource.of(result, paths), List.of(), dryRun);
  }

  /** Computes the new object from the current one. */
  @FunctionalInterface
  private interface Change {
    ObjectNode apply(ObjectNode current);
  }

  /**
   * Replaces the stored object with {@code change(current)}. With a precondition the object's
   * resourceVersion must still be it (409 otherwise); without one, a lost race is retried.
   */
  private ObjectNode replace(
      ResourceContext ctx,
      String namespace,
      String name,
      String sub,
      Change change,
      String precondition,
      boolean dryRun,
      Track track) {
    return replace(ctx, namespace, name, sub, change, precondition, dryRun, new String[1], track);
  }

  /**
   * As above; {@code late[0]}, if the change sets it, is a precondition found only while computing
   * the change (a scale body naming a resourceVersion).
   */
  private ObjectNode replace(
      ResourceContext ctx,
      String namespace,
      String name,
      String sub,
      Change change,
      String precondition,
      boolean dryRun,
      String[] late,
      Track track) {
    ResourceType type = ctx.type();
    byte[] key = ctx.key(namespace, name);
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = store.get(key).orElseThrow(() -> ResourceHandler.notFound(type, name));
      CustomResourceHooks hooks = handler.hooks();
      ObjectNode old = hooks.fromStorage(type, StoredObjects.read(kv));
      ObjectNode obj = change.apply(old.deepCopy());
      String rv =
          precondition != null
              ? precondition
              : late[0] != null ? late[0] : meta(obj, "resourceVersion");
      boolean conditional = rv != null && !rv.isEmpty();
      if (conditional && !rv.equals(Long.toString(kv.modRevision()))) {
        throw ConflictException.of(
            type.groupResource(), name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
      }
      obj = merge(ctx, old, obj, sub);
      hooks.applyDefaults(type, obj);
      Attributes admission =
          attributes(
              "binding".equals(sub) ? Operation.CREATE : Operation.UPDATE,
              ctx,
              sub,
              namespace,
              name,
              obj,
              old,
              dryRun);
      handler.admission().admit(admission);
      if (track != null) {
        fieldManagers.update(ctx, track.sub(), old, obj, track.request());
      }
      boolean allocating = allocates(type) && !"status".equals(sub);
      if (allocating) {
        services.prepare(old, obj);
      }
      if (!"binding".equals(sub)) {
        // (a binding changes spec.nodeName, which a pod update may not; it is checked by bind)
        validate(ctx, obj, old, sub);
      }
      handler.admission().validate(admission);
      byte[] bytes = StoredObjects.write(hooks.toStorage(type, obj));
      if (Arrays.equals(bytes, StoredObjects.write(hooks.toStorage(type, old)))) {
        return old; // nothing changed: no new revision, as Kubernetes
      }
      if (dryRun && !allocating) {
        return obj;
      }
      try {
        if (allocating) {
          ObjectNode written = writeAllocating(key, kv, old, obj, dryRun);
          if (written != null) {
            return written;
          }
          if (attempt >= MAX_RANGE_RETRIES) {
            throw ServiceUnavailableException.of("the service allocation ranges keep changing");
          }
          attempt--; // the ranges moved, not the object: does not count as a lost race
          continue;
        }
        if (finalizedAway(type, old, obj)) {
          store.delete(key, kv.modRevision());
          return obj;
        }
        long rev = store.update(key, bytes, kv.modRevision());
        metadata(obj).put("resourceVersion", Long.toString(rev));
        return obj;
      } catch (dev.keelson.store.ConflictException e) {
        if (conditional || attempt >= MAX_RETRIES) {
          throw StoreErrors.translate(e, type, name);
        }
      } catch (StoreException e) {
        throw StoreErrors.translate(e, type, name);
      }
    }
  }

  /**
   * Writes an updated Service with the allocation changes, or deletes it if its last finalizer
   * went. Returns null if another API server changed the ranges meanwhile (retry from a fresh
   * read); a lost race on the Service itself is thrown as a store exception.
   */
  private ObjectNode writeAllocating(
      byte[] key, KeyValue kv, ObjectNode old, ObjectNode obj, boolean dryRun) {
    boolean gone = finalizedAway(null, old, obj);
    services.lock().lock();
    try {
      ServiceAllocations.Plan plan = services.plan(old, gone ? null : obj);
      if (dryRun) {
        return obj;
      }
      long rev =
          commit(
              key,
              kv.modRevision(),
              gone ? Op.delete(key) : Op.put(key, StoredObjects.write(obj)),
              plan);
      if (rev < 0) {
        return null;
      }
      if (!gone) {
        metadata(obj).put("resourceVersion", Long.toString(rev));
      }
      return obj;
    } finally {
      services.lock().unlock();
    }
  }

  /**
   * Whether an update removed the last finalizer of an object being deleted (for a namespace, its
   * {@code spec.finalizers} must be empty too, as kube-apiserver's namespace storage).
   */
  private static boolean finalizedAway(ResourceType type, ObjectNode old, ObjectNode obj) {
    if (meta(old, "deletionTimestamp") == null || hasFinalizers(obj)) {
      return false;
    }
    return type == null || !isNamespace(type) || !hasSpecFinalizers(obj);
  }

  private static boolean isNamespace(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("namespaces");
  }

  private static boolean hasSpecFinalizers(ObjectNode obj) {
    JsonNode f = obj.path("spec").get("finalizers");
    return f != null && f.isArray() && !f.isEmpty();
  }

  private static boolean hasFinalizers(ObjectNode obj) {
    JsonNode f = metadata(obj).get("finalizers");
    return f != null && f.isArray() && !f.isEmpty();
  }

  /** Carries over what a client cannot change, and splits spec from status. */
  /**
   * {@code old} with {@code spec.<field>} taken from {@code obj} (removed where {@code obj} has
   * none or null): a subresource that changes that one field.
   */
  private static ObjectNode withSpecField(ObjectNode old, ObjectNode obj, String field) {
    ObjectNode result = old.deepCopy();
    JsonNode value = obj.path("spec").get(field);
    if (value == null || value.isNull()) {
      result.with("spec").remove(field);
    } else {
      result.with("spec").set(field, value);
    }
    return result;
  }

  /** Puts {@code from}'s managedFields, when it has them, into {@code to}. */
  private static void carryManagedFields(ObjectNode from, ObjectNode to) {
    JsonNode managed = metadata(from).get("managedFields");
    if (managed != null) {
      metadata(to).set("managedFields", managed);
    }
  }

  private ObjectNode merge(ResourceContext ctx, ObjectNode old, ObjectNode obj, String sub) {
    ObjectNode m = metadata(obj);
    ObjectNode om = metadata(old);
    if ("binding".equals(sub)) {
      return obj; // the binding computed the whole pod from the current one
    }
    if ("finalize".equals(sub)) {
      // A namespace's finalize subresource changes spec.finalizers and nothing else.
      return withSpecField(old, obj, "finalizers");
    }
    if (ResourceHandler.isEphemeralContainers(ctx.type(), sub)) {
      // pods/ephemeralcontainers changes spec.ephemeralContainers and nothing else.
      ObjectNode result = withSpecField(old, obj, "ephemeralContainers");
      carryManagedFields(obj, result);
      return result;
    }
    if ("status".equals(sub)) {
      // The status subresource changes the status and nothing else.
      ObjectNode result = old.deepCopy();
      if (obj.has("status")) {
        result.set("status", obj.get("status"));
      } else {
        result.remove("status");
      }
      carryManagedFields(obj, result); // as a status apply computed them
      return result;
    }
    String uid = meta(obj, "uid");
    if (uid != null && !uid.isEmpty() && !uid.equals(meta(old, "uid"))) {
      throw ConflictException.of(
          ctx.type().groupResource(),
          meta(old, "name"),
          "Precondition failed: UID in precondition: "
              + uid
              + ", UID in object meta: "
              + meta(old, "uid"));
    }
    for (String field :
        List.of(
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation")) {
      if (om.has(field)) {
        m.set(field, om.get(field));
      } else {
        m.remove(field);
      }
    }
    if (!m.has("managedFields") && om.has("managedFields")) {
      m.set("managedFields", om.get("managedFields"));
    }
    m.put("resourceVersion", meta(old, "resourceVersion"));
    if (isNamespace(ctx.type())) {
      // spec.finalizers changes only through the finalize subresource
      JsonNode finalizers = old.path("spec").get("finalizers");
      if (finalizers == null) {
        obj.with("spec").remove("finalizers");
      } else {
        obj.with("spec").set("finalizers", finalizers);
      }
    }
    if (ctx.hasStatusSubresource()) {
      if (old.has("status")) {
        obj.set("status", old.get("status"));
      } else {
        obj.remove("status");
      }
    }
    // Custom resources without a status subresource count status changes too, as Kubernetes.
    boolean withStatus = !ctx.hasStatusSubresource() && handler.hooks().handles(ctx.type());
    if (Defaults.tracksGeneration(ctx.type()) && specChanged(old, obj, withStatus)) {
      m.put("generation", om.path("generation").asLong(1) + 1);
    }
    return obj;
  }

  /** Whether anything but metadata and status (unless {@code withStatus}) differs. */
  private static boolean specChanged(ObjectNode old, ObjectNode obj, boolean withStatus) {
    ObjectNode a = old.deepCopy();
    ObjectNode b = obj.deepCopy();
    List<String> ignored = withStatus ? List.of("metadata") : List.of("metadata", "status");
    a.remove(ignored);
    b.remove(ignored);
    return !a.equals(b);
  }

  private static void checkIdentity(
      ResourceType type, ObjectNode obj, String namespace, String name) {
    String bodyName = meta(obj, "name");
    if (bodyName == null || bodyName.isEmpty()) {
      metadata(obj).put("name", name);
    } else if (!bodyName.equals(name)) {
      throw BadRequestException.of(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String bodyNamespace = meta(obj, "namespace");
    if (type.namespaced()) {
      if (bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
        throw BadRequestException.of(
            "the namespace of the provided object does not match the namespace sent on the request");
      }
      metadata(obj).put("namespace", namespace);
    }
  }

  /**
   * Drops the fields a custom resource's schema does not know: refused under Strict (400, as a
   * strict decoding error), reported under Warn, silent under Ignore.
   */
  private Bodies.Body pruned(ResourceContext ctx, Bodies.Body body, FieldValidation validation) {
    CustomResourceHooks hooks = handler.hooks();
    ResourceType type = ctx.type();
    if (!hooks.handles(type)) {
      return body;
    }
    List<String> unknown = hooks.prune(type, body.object(), validation);
    if (unknown.isEmpty() || validation == FieldValidation.IGNORE) {
      return body;
    }
    List<String> texts = unknown.stream().map(f -> "unknown field \"" + f + "\"").toList();
    if (validation == FieldValidation.STRICT) {
      throw BadRequestException.of(
          type.kind()
              + " in version \""
              + type.version()
              + "\" cannot be handled as a "
              + type.kind()
              + ": strict decoding error: "
              + String.join(", ", texts));
    }
    List<String> warnings = new ArrayList<>(body.warnings());
    warnings.addAll(texts);
    return new Bodies.Body(body.object(), warnings);
  }

  /** What admission plugins see of a write. */
  private static Attributes attributes(
      Operation op,
      ResourceContext ctx,
      String sub,
      String namespace,
      String name,
      ObjectNode obj,
      ObjectNode old,
      boolean dryRun) {
    ResourceType type = ctx.type();
    return new Attributes(
        op,
        type.gvk(),
        type.gvr(),
        sub,
        type.namespaced() ? namespace : null,
        name == null ? "" : name,
        obj,
        old,
        UserInfo.UNKNOWN,
        dryRun);
  }

  // ---------------------------------------------------------------- validation

  private void validate(ResourceContext ctx, ObjectNode obj, ObjectNode old) {
    validate(ctx, obj, old, null);
  }

  /** As above for a write through {@code sub} (null: the object itself). */
  private void validate(ResourceContext ctx, ObjectNode obj, ObjectNode old, String sub) {
    ResourceType type = ctx.type();
    KubernetesObject object = typed(type, obj);
    List<FieldError> errors = new ArrayList<>();
    if (old == null) {
      errors.addAll(ctx.validator().validate(object));
    } else if (ResourceHandler.isEphemeralContainers(type, sub)) {
      errors.addAll(
          PodValidation.validateEphemeralContainersUpdate((Pod) object, (Pod) typed(type, old)));
    } else {
      errors.addAll(ctx.validator().validateUpdate(object, typed(type, old)));
      errors.addAll(Immutables.check(type, obj, old));
    }
    errors.addAll(WorkloadTemplates.validate(type, obj));
    errors.addAll(handler.hooks().validate(type, obj, old));
    ResourceHandler.requireValid(type, meta(obj, "name"), dedupe(errors));
  }

  /** The object as its record (built-ins) or as a generic object (custom resources). */
  private static KubernetesObject typed(ResourceType type, ObjectNode obj) {
    if (type.isTyped() && KubernetesObject.class.isAssignableFrom(type.javaType())) {
      return TypedObjects.convert(obj, type.javaType());
    }
    return dev.keelson.api.GenericObject.of(obj);
  }

  private static List<FieldError> dedupe(List<FieldError> errors) {
    if (errors.isEmpty()) {
      return errors; // every valid write
    }
    return errors.stream().distinct().toList();
  }

  // ---------------------------------------------------------------- delete

  Result delete(ResourceContext ctx, String namespace, String name, Request r) {
    ResourceType type = ctx.type();
    DeleteRequest options = DeleteRequest.of(r);
    byte[] key = ctx.key(namespace, name);
    for (int attempt = 0; ; attempt++) {
      KeyValue kv = store.get(key).orElseThrow(() -> ResourceHandler.notFound(type, name));
      ObjectNode obj = handler.hooks().fromStorage(type, StoredObjects.read(kv));
      options.checkPreconditions(type, obj);
      Attributes admission =
          attributes(Operation.DELETE, ctx, null, namespace, name, null, obj, options.dryRun());
      handler.admission().admit(admission);
      handler.admission().validate(admission);
      handler.hooks().beforeDelete(type, obj);
      ObjectNode m = metadata(obj);
      List<String> current = new ArrayList<>();
      metadata(obj).path("finalizers").forEach(f -> current.add(f.asText()));
      if (isNamespace(type)) {
        Result ns = deleteNamespace(key, kv, obj, current, options);
        if (ns != null) {
          return ns;
        }
      }
      List<String> finalizers = GcFinalizers.forDelete(type, current, options.propagationPolicy());
      long grace = options.gracePeriodFor(type, obj);
      if (meta(obj, "deletionTimestamp") != null
          && (!finalizers.isEmpty() || grace > 0)
          && finalizers.equals(current)
          && grace >= m.path("deletionGracePeriodSeconds").asLong(0)) {
        // Already being deleted and this delete changes nothing: no write, as kube-apiserver
        // (repeated deletes, such as the namespace controller's passes, do not churn the object).
        return new Result(obj, List.of(), options.dryRun());
      }
      try {
        if (!finalizers.isEmpty() || grace > 0) {
          if (meta(obj, "deletionTimestamp") == null) {
            m.put("deletionTimestamp", Times.format(clock.instant().plusSeconds(grace)));
          }
          m.put("deletionGracePeriodSeconds", grace);
          ArrayNode f = m.putArray("finalizers");
          finalizers.forEach(f::add);
          if (finalizers.isEmpty()) {
            m.remove("finalizers");
          }
          if (options.dryRun()) {
            return new Result(obj, List.of(), true);
          }
          long rev =
              store.update(
                  key, StoredObjects.write(handler.hooks().toStorage(type, obj)), kv.modRevision());
          m.put("resourceVersion", Long.toString(rev));
          return new Result(obj, List.of(), false);
        }
        if (allocates(type)) {
          if (!options.dryRun() && !deleteAllocating(key, kv, obj)) {
            attempt--; // the ranges moved, not the object
            continue;
          }
        } else if (!options.dryRun()) {
          store.delete(key, kv.modRevision());
        }
        return new Result(obj, List.of(), options.dryRun());
      } catch (dev.keelson.store.ConflictException | dev.keelson.store.KeyNotFoundException e) {
        if (attempt >= MAX_RETRIES) {
          throw StoreErrors.translate(e, type, name);
        }
      } catch (StoreException e) {
        throw StoreErrors.translate(e, type, name);
      }
    }
  }

  /**
   * The first delete of a namespace, as kube-apiserver's namespace storage: sets the
   * deletionTimestamp and phase {@code Terminating} (the namespace controller empties it and
   * removes its {@code spec.finalizers} through {@code finalize}); an explicit propagation policy
   * adds or removes the {@code orphan} / {@code foregroundDeletion} finalizers. A later delete
   * answers the namespace unchanged while {@code spec.finalizers} remain, and otherwise deletes as
   * any object ({@code null}: go on with the ordinary delete).
   */
  private Result deleteNamespace(
      byte[] key, KeyValue kv, ObjectNode obj, List<String> current, DeleteRequest options) {
    if (meta(obj, "deletionTimestamp") != null) {
      return hasSpecFinalizers(obj) ? new Result(obj, List.of(), options.dryRun()) : null;
    }
    ObjectNode m = metadata(obj);
    m.put("deletionTimestamp", Times.format(clock.instant()));
    obj.with("status").put("phase", "Terminating");
    List<String> finalizers = GcFinalizers.forNamespaceDelete(current, options.propagationPolicy());
    if (!finalizers.equals(current)) {
      ArrayNode f = m.putArray("finalizers");
      finalizers.forEach(f::add);
      if (finalizers.isEmpty()) {
        m.remove("finalizers");
      }
    }
    if (options.dryRun()) {
      return new Result(obj, List.of(), true);
    }
    long rev = store.update(key, StoredObjects.write(obj), kv.modRevision());
    m.put("resourceVersion", Long.toString(rev));
    return new Result(obj, List.of(), false);
  }

  /** Deletes a Service and releases what it held; false if the ranges moved meanwhile. */
  private boolean deleteAllocating(byte[] key, KeyValue kv, ObjectNode obj) {
    services.lock().lock();
    try {
      return commit(key, kv.modRevision(), Op.delete(key), services.plan(obj, null)) > 0;
    } finally {
      services.lock().unlock();
    }
  }

  /**
   * Deletes every listed object as a delete of each would (finalizers, grace periods, dryRun and
   * the DeleteOptions apply to each), and answers the list of the objects as they were listed, as
   * kube-apiserver does. An object gone meanwhile is skipped; any other failure ends the request
   * with that error (objects deleted before it stay deleted, as in Kubernetes).
   */
  byte[] deleteCollection(ResourceContext ctx, ListResult listed, Request r) {
    for (StoredObject o : listed.items()) {
      try {
        delete(ctx, o.namespace().isEmpty() ? null : o.namespace(), o.name(), r);
      } catch (NotFoundException e) {
        // deleted meanwhile
      }
    }
    return ObjectReads.listJson(ctx, listed);
  }
}

package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionResource;
import dev.keelson.api.apiextensions.v1.CustomResourceColumnDefinition;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.allocation.IpRange;
import dev.keelson.apiserver.allocation.PortRange;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.table.TableConvertor;
import dev.keelson.apiserver.table.TableConvertors;
import dev.keelson.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the resource paths of the API ({@code /api/v1/...}, {@code /apis/g/v/...}): get, list,
 * watch, create, update, patch, delete and deletecollection, for every resource of the registry,
 * with Kubernetes' semantics (see {@link ObjectWrites} and {@link ObjectReads}).
 *
 * <p>The handler is the only user of the store. Reads of single objects go to the store
 * (linearizable, as kube-apiserver's quorum reads); lists and watches are served by each resource's
 * watch cache.
 */
public final class ResourceHandler implements AutoCloseable {
  static final Map<String, String> JSON = Map.of("content-type", "application/json");

  /** How many objects {@link #deleteAll} reads at a time. */
  private static final int DELETE_PAGE = 500;

  private final ResourceRegistry registry;
  private final Store store;
  private final Map<GroupVersionResource, ResourceContext> contexts = new ConcurrentHashMap<>();
  private final ObjectWrites writes;
  private final ObjectReads reads;
  private final InstantSource clock;
  private final PodStreams podStreams;
  private final ServiceAllocations services;
  private volatile CustomResourceHooks hooks = CustomResourceHooks.NONE;
  private volatile dev.keelson.apiserver.admission.AdmissionChain admission =
      dev.keelson.apiserver.admission.AdmissionChain.NONE;
  private final AdmissionAccess admissionAccess;

  /** A handler whose node-proxied pod subresources (log, exec, attach) answer 503. */
  public ResourceHandler(ResourceRegistry registry, Store store, InstantSource clock) {
    this(
        registry,
        store,
        clock,
        IpRange.parse(IpRange.DEFAULT),
        PortRange.parse(PortRange.DEFAULT),
        null);
  }

  /**
   * A handler whose Services get cluster IPs from {@code serviceIps} and node ports from {@code
   * nodePorts}.
   *
   * @param kubelet the client that reaches node agents for the pod subresources they serve (log,
   *     exec, attach), or {@code null} to answer those with 503
   */
  public ResourceHandler(
      ResourceRegistry registry,
      Store store,
      InstantSource clock,
      IpRange serviceIps,
      PortRange nodePorts,
      dev.keelson.apiserver.kubelet.KubeletClient kubelet) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.services = new ServiceAllocations(store, serviceIps, nodePorts, clock);
    this.writes = new ObjectWrites(this, store, clock, services);
    this.reads = new ObjectReads(store);
    this.podStreams = new PodStreams(this, reads, kubelet);
    this.admissionAccess = new AdmissionAccess(this, store, clock);
  }

  /** What admission plugins of this handler may read and write. */
  public dev.keelson.apiserver.admission.AdmissionContext admissionContext() {
    return admissionAccess;
  }

  /** Sets the admission chain every write goes through (none until set). */
  public void setAdmission(dev.keelson.apiserver.admission.AdmissionChain admission) {
    this.admission =
        admission == null ? dev.keelson.apiserver.admission.AdmissionChain.NONE : admission;
  }

  /** The admission chain in force. */
  dev.keelson.apiserver.admission.AdmissionChain admission() {
    return admission;
  }

  /** Whether the registry serves this resource. */
  boolean serves(dev.keelson.api.GroupResource resource) {
    return registry.byGroupResource(resource).isPresent();
  }

  /**
   * Creates the namespaces every cluster has (default, kube-system, kube-public, kube-node-lease).
   */
  public void ensureSystemNamespaces() {
    writes.ensureSystemNamespaces();
  }

  /**
   * Rebuilds the Service allocation ranges from the stored Services (kube-apiserver's repair
   * controllers run at start-up) and creates the {@code default/kubernetes} Service if it is
   * absent: the first cluster IP, port 443 ({@code https}) to {@code securePort}.
   *
   * @return problems the repair found (addresses outside the ranges or held twice), for the log
   */
  public List<String> ensureServices(int securePort) {
    if (registry.byGroupResource(dev.keelson.api.GroupResource.of("", "services")).isEmpty()) {
      return List.of();
    }
    ResourceContext svc = context("", "services");
    List<String> problems =
        services.repair(svc.keys().prefix().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    writes.ensureKubernetesService(svc, services.ipRange().firstAddress(), securePort);
    return problems;
  }

  /** Sets the custom resource rules (the CRD machinery calls this once, at start). */
  public void setHooks(CustomResourceHooks hooks) {
    this.hooks = hooks == null ? CustomResourceHooks.NONE : hooks;
  }

  /** The custom resource rules in force. */
  CustomResourceHooks hooks() {
    return hooks;
  }

  /**
   * Forgets what the handler keeps for every version of {@code resource} (watch caches), for a
   * resource no longer served or served differently (its CRD changed or went).
   */
  public void forget(dev.keelson.api.GroupResource resource) {
    for (GroupVersionResource gvr : List.copyOf(contexts.keySet())) {
      if (gvr.group().equals(resource.group()) && gvr.resource().equals(resource.resource())) {
        ResourceContext ctx = contexts.remove(gvr);
        if (ctx != null) {
          ctx.close();
        }
      }
    }
  }

  /**
   * Deletes every object of {@code type} as a DELETE of each would (their own finalizers apply),
   * and returns how many are still stored afterwards (objects held by finalizers).
   */
  public long deleteAll(ResourceType type) {
    ResourceContext ctx =
        new ResourceContext(type, store, FieldSelectors.extractor(type.groupResource()));
    byte[] prefix = ctx.keys().prefix().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Request r = new Request("DELETE", "/", Map.of(), Map.of(), new byte[0], "HTTP/1.1", null);
    // In pages, so that a resource with many objects is never read into memory at once.
    dev.keelson.store.RangeRequest page =
        dev.keelson.store.RangeRequest.prefix(prefix).withLimit(DELETE_PAGE);
    while (true) {
      dev.keelson.store.RangeResult result = store.range(page);
      for (dev.keelson.store.KeyValue kv : result.kvs()) {
        ObjectNode obj = StoredObjects.read(kv);
        try {
          writes.delete(
              ctx, StoredObjects.meta(obj, "namespace"), StoredObjects.meta(obj, "name"), r);
        } catch (NotFoundException e) {
          // deleted meanwhile
        }
      }
      if (!result.more() || result.kvs().isEmpty()) {
        break;
      }
      page = page.startAfter(result.kvs().get(result.kvs().size() - 1).key());
    }
    return store.count(prefix);
  }

  /** The write path (for tests in this package). */
  ObjectWrites writes() {
    return writes;
  }

  /** Serves one request on a resource path. */
  public void handle(Exchange exchange, ApiPath path) throws Exception {
    ResourceType type =
        registry
            .byGvr(new GroupVersionResource(path.group(), path.version(), path.resource()))
            .orElseThrow(
                () -> NotFoundException.of("the server could not find the requested resource"));
    if (path.namespace() != null && !type.namespaced()) {
      throw NotFoundException.of("the server could not find the requested resource");
    }
    ResourceContext ctx = context(type);
    Request r = exchange.request();
    String sub = path.subresource();
    if (sub != null && type.subresource(sub).isEmpty()) {
      throw NotFoundException.of("the server could not find the requested resource");
    }
    if ("scale".equals(sub)) {
      scale(exchange, ctx, path);
      return;
    }
    if ("binding".equals(sub) || "eviction".equals(sub)) {
      requireObject(path, type, sub);
      if (!r.method().equals("POST")) {
        throw MethodNotAllowedException.of(type.groupResource(), r.method());
      }
      if (sub.equals("binding")) {
        writes.bind(ctx, path.namespace(), path.name(), r);
      } else {
        writes.evict(ctx, path.namespace(), path.name(), r);
      }
      exchange.respond(201, JSON, PodSubresources.created(path.name()));
      return;
    }
    if (sub != null
        && type.group().isEmpty()
        && type.plural().equals("pods")
        && (sub.equals("log")
            || sub.equals("exec")
            || sub.equals("attach")
            || sub.equals("portforward"))) {
      requireObject(path, type, sub);
      podStreams.serve(exchange, ctx, path);
      return;
    }
    if ("finalize".equals(sub) && isNamespaces(type)) {
      requireObject(path, type, "update");
      if (!r.method().equals("PUT")) {
        throw MethodNotAllowedException.of(type.groupResource(), r.method());
      }
      ObjectWrites.Result res = writes.update(ctx, path.namespace(), path.name(), sub, r);
      respond(exchange, 200, res.object(), res.warnings());
      return;
    }
    if (sub != null && !sub.equals("status") && !isEphemeralContainers(type, sub)) {
      throw NotFoundException.of(
          "the server could not find the requested resource (the "
              + sub
              + " subresource is not served yet)");
    }
    switch (r.method()) {
      case "GET", "HEAD" -> {
        TableRequest table = sub == null ? TableRequest.negotiate(r) : null;
        TableConvertor convertor = table == null ? null : tableConvertor(type);
        if (path.name() != null) {
          ObjectNode object = reads.get(ctx, path.namespace(), path.name(), r);
          respond(
              exchange,
              200,
              table == null ? object : Tables.single(table, convertor, object),
              List.of());
        } else if (isWatch(r)) {
          reads.watch(ctx, path.namespace(), exchange, table, convertor);
        } else if (table != null) {
          respond(
              exchange,
              200,
              Tables.list(table, convertor, reads.listResult(ctx, path.namespace(), r)),
              List.of());
        } else {
          reads.list(ctx, path.namespace(), exchange);
        }
      }
      case "POST" -> {
        requireCollection(path, type, "create");
        ObjectWrites.Result res = writes.create(ctx, path.namespace(), r);
        respond(exchange, res.dryRun() ? 200 : 201, res.object(), res.json(), res.warnings());
      }
      case "PUT" -> {
        requireObject(path, type, "update");
        ObjectWrites.Result res = writes.update(ctx, path.namespace(), path.name(), sub, r);
        respond(exchange, 200, res.object(), res.warnings());
      }
      case "PATCH" -> {
        requireObject(path, type, "patch");
        ObjectWrites.Result res = writes.patch(ctx, path.namespace(), path.name(), sub, r);
        respond(exchange, res.created() ? 201 : 200, res.object(), res.warnings());
      }
      case "DELETE" -> {
        if (sub != null) {
          throw MethodNotAllowedException.of(type.groupResource(), "delete");
        }
        if (path.name() == null) {
          requireCollection(path, type, "deletecollection");
          DeleteRequest.of(r); // bad DeleteOptions fail before anything is deleted
          exchange.respond(
              200,
              JSON,
              writes.deleteCollection(ctx, reads.listResult(ctx, path.namespace(), r), r));
        } else {
          ObjectWrites.Result res = writes.delete(ctx, path.namespace(), path.name(), r);
          respond(exchange, 200, res.object(), res.warnings());
        }
      }
      default -> throw MethodNotAllowedException.of(type.groupResource(), r.method());
    }
  }

  /** {@code pods/ephemeralcontainers}: a pod whose writes change only its ephemeral containers. */
  static boolean isEphemeralContainers(ResourceType type, String sub) {
    return "ephemeralcontainers".equals(sub)
        && type.group().isEmpty()
        && type.plural().equals("pods");
  }

  private static boolean isNamespaces(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("namespaces");
  }

  /**
   * The table form of a resource: its built-in printer; for a custom resource, the printer columns
   * of its CRD's version (read from the store, so that CRD changes show at once); otherwise
   * kube-apiserver's default (Name, Created At).
   */
  TableConvertor tableConvertor(ResourceType type) {
    Optional<TableConvertor> builtin = TableConvertors.builtin(type.groupResource(), clock);
    if (builtin.isPresent()) {
      return builtin.get();
    }
    if (!type.isTyped() && !type.group().isEmpty()) {
      Optional<ResourceType> crds =
          registry.byGroupResource(
              dev.keelson.api.GroupResource.of(
                  "apiextensions.k8s.io", "customresourcedefinitions"));
      if (crds.isPresent()) {
        Optional<dev.keelson.store.KeyValue> crd =
            store.get(context(crds.get()).key(null, type.plural() + "." + type.group()));
        if (crd.isPresent()) {
          for (JsonNode v : StoredObjects.read(crd.get()).path("spec").path("versions")) {
            if (v.path("name").asText().equals(type.version())) {
              List<CustomResourceColumnDefinition> columns = new ArrayList<>();
              for (JsonNode c : v.path("additionalPrinterColumns")) {
                columns.add(KubeJson.convert(c, CustomResourceColumnDefinition.class));
              }
              return TableConvertors.customResource(columns, clock);
            }
          }
        }
      }
    }
    return TableConvertors.defaultTable();
  }

  private void scale(Exchange exchange, ResourceContext ctx, ApiPath path) {
    requireObject(path, ctx.type(), "scale");
    switch (exchange.request().method()) {
      case "GET", "HEAD" ->
          respond(
              exchange,
              200,
              ScaleSubresource.of(
                  reads.get(ctx, path.namespace(), path.name()), scalePaths(ctx.type())),
              List.of());
      case "PUT", "PATCH" -> {
        ObjectWrites.Result res =
            writes.scale(ctx, path.namespace(), path.name(), exchange.request());
        respond(exchange, 200, res.object(), res.warnings());
      }
      default -> throw MethodNotAllowedException.of(ctx.type().groupResource(), "scale");
    }
  }

  CustomResourceHooks.ScalePaths scalePaths(ResourceType type) {
    return hooks.scalePaths(type).orElse(CustomResourceHooks.ScalePaths.WORKLOAD);
  }

  ResourceContext context(ResourceType type) {
    return contexts.computeIfAbsent(
        type.gvr(),
        gvr ->
            new ResourceContext(
                type,
                store,
                FieldSelectors.extractor(type.groupResource()),
                hooks.handles(type) ? o -> hooks.fromStorage(type, o) : null));
  }

  /** The context of a built-in resource by group and plural, for cross-resource checks. */
  ResourceContext context(String group, String plural) {
    ResourceType t =
        registry
            .byGroupResource(dev.keelson.api.GroupResource.of(group, plural))
            .orElseThrow(() -> new IllegalStateException("not registered: " + plural));
    return context(t);
  }

  private static boolean isWatch(Request r) {
    String w = r.param("watch");
    return w != null && (w.equals("true") || w.equals("1"));
  }

  private static void requireCollection(ApiPath path, ResourceType type, String verb) {
    if (path.name() != null) {
      throw MethodNotAllowedException.of(type.groupResource(), verb);
    }
    if (type.namespaced() && path.namespace() == null) {
      throw MethodNotAllowedException.of(type.groupResource(), verb);
    }
  }

  private static void requireObject(ApiPath path, ResourceType type, String verb) {
    if (path.name() == null) {
      throw MethodNotAllowedException.of(type.groupResource(), verb);
    }
    if (type.namespaced() && path.namespace() == null) {
      throw MethodNotAllowedException.of(type.groupResource(), verb);
    }
  }

  private static void respond(Exchange exchange, int code, JsonNode body, List<String> warnings) {
    respond(exchange, code, body, null, warnings);
  }

  /** Answers with {@code body}, or with {@code json} (its encoding) when not null. */
  private static void respond(
      Exchange exchange, int code, JsonNode body, byte[] json, List<String> warnings) {
    Map<String, String> headers = new LinkedHashMap<>(JSON);
    if (!warnings.isEmpty()) {
      // Several warnings share one header line, comma separated, as RFC 7234 allows.
      StringBuilder w = new StringBuilder();
      for (String text : warnings) {
        if (w.length() > 0) {
          w.append(", ");
        }
        w.append("299 - ").append(KubeJson.encodeToString(text));
      }
      headers.put("warning", w.toString());
    }
    exchange.respond(code, headers, json != null ? json : KubeJson.encode(body));
  }

  static FieldValidation fieldValidation(Request r) {
    try {
      return FieldValidation.parse(r.param("fieldValidation"));
    } catch (IllegalArgumentException e) {
      throw BadRequestException.of(e.getMessage());
    }
  }

  static boolean dryRun(Request r) {
    List<String> values = r.query().getOrDefault("dryRun", List.of());
    for (String v : values) {
      if (!v.equals("All")) {
        throw BadRequestException.of(
            "Invalid dryRun value: dryRun: Unsupported value: \""
                + v
                + "\": supported values: \"All\"");
      }
    }
    return !values.isEmpty();
  }

  static void requireValid(
      ResourceType type, String name, List<dev.keelson.api.validation.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw InvalidException.of(type.gvk(), name, errors);
    }
  }

  static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode o) {
      return o;
    }
    throw BadRequestException.of("the request body must be a JSON object");
  }

  static ApiException notFound(ResourceType type, String name) {
    return NotFoundException.of(type.groupResource(), name);
  }

  @Override
  public void close() {
    contexts.values().forEach(ResourceContext::close);
  }
}

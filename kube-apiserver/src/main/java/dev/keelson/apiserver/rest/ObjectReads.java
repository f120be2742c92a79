package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.selector.FieldRequirement;
import dev.keelson.api.selector.FieldSelector;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.http.ResponseStream;
import dev.keelson.apiserver.table.TableConvertor;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Store;
import dev.keelson.watch.EventType;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.ListResult;
import dev.keelson.watch.Selector;
import dev.keelson.watch.StartAt;
import dev.keelson.watch.StoredObject;
import dev.keelson.watch.Subscription;
import dev.keelson.watch.WatchOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** get (from the store), list and watch (from the watch cache). */
final class ObjectReads {
  /** kube-apiserver ends watches without a timeout after a random 30 to 60 minutes. */
  private static final Duration DEFAULT_WATCH_TIMEOUT = Duration.ofMinutes(30);

  private final Store store;
  private final GzippedLists gzippedLists = new GzippedLists();

  ObjectReads(Store store) {
    this.store = store;
  }

  /**
   * A GET: from the store (a quorum read) without a resourceVersion; with one, from the watch cache
   * at a version not older than it, as kube-apiserver serves it: an invalid version is 400, one the
   * cache does not reach within its wait is 504 {@code Too large resource version}.
   */
  ObjectNode get(ResourceContext ctx, String namespace, String name, Request r) {
    String rv = r.param("resourceVersion");
    if (rv == null || rv.isEmpty()) {
      return get(ctx, namespace, name);
    }
    dev.keelson.watch.ResourceVersions.parse(rv); // 400 for anything but a revision
    ListOptions options =
        ListOptions.all()
            .inNamespace(namespace)
            .withFields(Selector.fields(FieldSelector.parse("metadata.name=" + name)))
            .atResourceVersion(rv, ListOptions.ResourceVersionMatch.NOT_OLDER_THAN);
    ListResult result = ctx.cache().list(options);
    for (StoredObject o : result.items()) {
      if (o.name().equals(name)) {
        return ctx.served((ObjectNode) KubeJson.parse(o.json()));
      }
    }
    throw ResourceHandler.notFound(ctx.type(), name);
  }

  ObjectNode get(ResourceContext ctx, String namespace, String name) {
    KeyValue kv =
        store
            .get(ctx.key(namespace, name))
            .orElseThrow(() -> ResourceHandler.notFound(ctx.type(), name));
    return ctx.served(StoredObjects.read(kv));
  }

  /**
   * Answers a list. When the exchange sends the body gzipped (a client that accepts gzip, a list of
   * at least {@link dev.keelson.apiserver.http.Gzip#MIN_BYTES}), the list is gzipped straight from
   * the watch cache's shared JSON of its objects, and an identical list gzipped before is sent
   * again ({@link GzippedLists}); otherwise the JSON is sent as is.
   */
  void list(ResourceContext ctx, String namespace, Exchange exchange) {
    Request r = exchange.request();
    ListResult result = listResult(ctx, namespace, r);
    if (!ctx.rewritesReads()) {
      byte[] head = listHead(ctx, result);
      String request = listRequest(namespace, r);
      GzippedLists.Body kept = gzippedLists.cached(ctx, request, head, result.items());
      if (kept != null && exchange.gzips(kept.jsonBytes())) {
        exchange.respond(200, dev.keelson.apiserver.http.Gzip.GZIPPED_JSON, kept.gzipped());
        return;
      }
      if (exchange.gzips(GzippedLists.jsonBytes(head, result.items()))) {
        byte[] gz = gzippedLists.gzipped(ctx, request, head, result.items());
        exchange.respond(200, dev.keelson.apiserver.http.Gzip.GZIPPED_JSON, gz);
        return;
      }
    }
    exchange.respond(200, ResourceHandler.JSON, listJson(ctx, result));
  }

  /** What, besides the resource, selects a list: the lookup key of {@link GzippedLists}. */
  private static String listRequest(String namespace, Request r) {
    StringBuilder s = new StringBuilder(namespace == null ? "" : namespace);
    for (String p :
        List.of(
            "labelSelector",
            "fieldSelector",
            "limit",
            "continue",
            "resourceVersion",
            "resourceVersionMatch")) {
      String v = r.param(p);
      s.append('\0').append(v == null ? "" : v);
    }
    return s.toString();
  }

  ListResult listResult(ResourceContext ctx, String namespace, Request r) {
    ListOptions options = ListOptions.all().inNamespace(namespace);
    options = options.withLabels(labels(r)).withFields(fields(ctx, r));
    String limit = r.param("limit");
    if (limit != null) {
      try {
        long l = Long.parseLong(limit);
        if (l > 0) {
          options = options.withLimit(l);
        }
      } catch (NumberFormatException e) {
        throw BadRequestException.of("invalid limit: \"" + limit + "\"");
      }
    }
    String cont = r.param("continue");
    String rv = r.param("resourceVersion");
    String match = r.param("resourceVersionMatch");
    List<FieldError> errors = new ArrayList<>();
    if (match != null && !match.isEmpty()) {
      if (rv == null || rv.isEmpty()) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden unless resourceVersion is provided"));
      }
      if (cont != null && !cont.isEmpty()) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch is forbidden when continue is provided"));
      }
      if (!match.equals("NotOlderThan") && !match.equals("Exact")) {
        errors.add(
            FieldError.notSupported(
                "resourceVersionMatch", match, List.of("Exact", "NotOlderThan")));
      }
      if (match.equals("Exact") && "0".equals(rv)) {
        errors.add(
            FieldError.forbidden(
                "resourceVersionMatch",
                "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
    }
    if ("true".equals(r.param("sendInitialEvents"))) {
      errors.add(
          FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
    }
    if (!errors.isEmpty()) {
      throw InvalidException.of(
          new dev.keelson.api.GroupVersionKind("meta.k8s.io", "v1", "ListOptions"), "", errors);
    }
    if (cont != null && !cont.isEmpty()) {
      options = options.continuing(cont);
    }
    if (rv != null && !rv.isEmpty()) {
      options =
          options.atResourceVersion(
              rv,
              "Exact".equals(match)
                  ? ListOptions.ResourceVersionMatch.EXACT
                  : ListOptions.ResourceVersionMatch.NOT_OLDER_THAN);
    }
    return ctx.cache().list(options);
  }

  /**
   * The list's JSON, written once into an array of its exact size (a list of 10,000 objects is
   * megabytes: growing a buffer copied it several times).
   */
  static byte[] listJson(ResourceContext ctx, ListResult result) {
    byte[] headBytes = listHead(ctx, result);
    List<StoredObject> items = result.items();
    long size = headBytes.length + 2L + Math.max(0, items.size() - 1);
    List<byte[]> jsons = new ArrayList<>(items.size());
    for (StoredObject o : items) {
      byte[] json = ctx.served(o.json());
      jsons.add(json);
      size += json.length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw dev.keelson.api.errors.InternalErrorException.of(
          "the list is too large to encode (" + size + " bytes); use limit and continue");
    }
    byte[] out = new byte[(int) size];
    System.arraycopy(headBytes, 0, out, 0, headBytes.length);
    int at = headBytes.length;
    boolean first = true;
    for (byte[] json : jsons) {
      if (!first) {
        out[at++] = ',';
      }
      System.arraycopy(json, 0, out, at, json.length);
      at += json.length;
      first = false;
    }
    out[at++] = ']';
    out[at] = '}';
    return out;
  }

  /** The list's JSON up to its first item: {@code {"kind":..,"metadata":{..},"items":[}. */
  static byte[] listHead(ResourceContext ctx, ListResult result) {
    String head =
        "{\"kind\":"
            + KubeJson.encodeToString(ctx.type().listKind())
            + ",\"apiVersion\":"
            + KubeJson.encodeToString(ctx.type().apiVersion())
            + ",\"metadata\":{\"resourceVersion\":\""
            + result.resourceVersion()
            + "\""
            + (result.continueToken() == null || result.continueToken().isEmpty()
                ? ""
                : ",\"continue\":" + KubeJson.encodeToString(result.continueToken()))
            + "},\"items\":[";
    return head.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Serves a watch; with a {@code table} request, each object event carries a one-row Table (column
   * definitions on the first only), other events are unchanged.
   */
  void watch(
      ResourceContext ctx,
      String namespace,
      Exchange exchange,
      TableRequest table,
      TableConvertor convertor)
      throws Exception {
    Request r = exchange.request();
    WatchOptions options =
        WatchOptions.all().inNamespace(namespace).withLabels(labels(r)).withFields(fields(ctx, r));
    String rv = r.param("resourceVersion");
    boolean initialEvents = "true".equals(r.param("sendInitialEvents"));
    String match = r.param("resourceVersionMatch");
    if (initialEvents) {
      if (!"NotOlderThan".equals(match)) {
        throw InvalidException.of(
            new dev.keelson.api.GroupVersionKind("meta.k8s.io", "v1", "ListOptions"),
            "",
            List.of(
                FieldError.forbidden(
                    "resourceVersionMatch",
                    "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
      }
      // resourceVersion unset: a consistent start, as kube-apiserver's; "0" or a version: any.
      options =
          options.startingAt(
              rv == null || rv.isEmpty()
                  ? StartAt.consistentInitialEvents()
                  : StartAt.initialEvents());
    } else {
      if (match != null && !match.isEmpty()) {
        throw InvalidException.of(
            new dev.keelson.api.GroupVersionKind("meta.k8s.io", "v1", "ListOptions"),
            "",
            List.of(
                FieldError.forbidden(
                    "resourceVersionMatch",
                    "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")));
      }
      try {
        options = options.startingAt(StartAt.resourceVersion(rv));
      } catch (IllegalArgumentException e) {
        throw BadRequestException.of("invalid resource version: \"" + rv + "\"");
      }
    }
    options = options.withBookmarks("true".equals(r.param("allowWatchBookmarks")));
    options = options.withTimeout(timeout(r.param("timeoutSeconds")));

    ResponseStream out = exchange.stream(200, ResourceHandler.JSON);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    AtomicBoolean firstTableEvent = new AtomicBoolean(true);
    Subscription sub =
        ctx.cache()
            .subscribe(
                options,
                event -> {
                  byte[] json = event.json();
                  if (ctx.rewritesReads()
                      && table == null
                      && event.type() != EventType.BOOKMARK
                      && event.type() != EventType.ERROR) {
                    ObjectNode wire = JsonNodeFactory.instance.objectNode();
                    wire.put("type", event.type().name());
                    ObjectNode served = ctx.served(event.object().json().deepCopy());
                    wire.set("object", served);
                    json = KubeJson.encode(wire);
                  }
                  if (table != null
                      && event.type() != EventType.BOOKMARK
                      && event.type() != EventType.ERROR) {
                    ObjectNode wire = JsonNodeFactory.instance.objectNode();
                    wire.put("type", event.type().name());
                    wire.set(
                        "object",
                        Tables.event(
                            table,
                            convertor,
                            event.object().json(),
                            firstTableEvent.compareAndSet(true, false)));
                    json = KubeJson.encode(wire);
                  }
                  byte[] line = new byte[json.length + 1];
                  System.arraycopy(json, 0, line, 0, json.length);
                  line[json.length] = '\n';
                  out.write(line);
                });
    sub.terminated().whenComplete((v, t) -> ended.complete(null));
    exchange.closed().whenComplete((v, t) -> ended.complete(null));
    exchange.shuttingDown().whenComplete((v, t) -> ended.complete(null));
    try {
      ended.join();
    } finally {
      sub.close();
      out.close();
    }
  }

  private static Duration timeout(String seconds) {
    if (seconds == null || seconds.isEmpty()) {
      return DEFAULT_WATCH_TIMEOUT;
    }
    try {
      long s = Long.parseLong(seconds);
      if (s < 0) {
        throw new NumberFormatException();
      }
      return s == 0 ? DEFAULT_WATCH_TIMEOUT : Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      throw BadRequestException.of("invalid timeoutSeconds: \"" + seconds + "\"");
    }
  }

  static Selector labels(Request r) {
    String text = r.param("labelSelector");
    return text == null || text.isEmpty() ? Selector.everything() : Selector.labels(text);
  }

  static Selector fields(ResourceContext ctx, Request r) {
    String text = r.param("fieldSelector");
    if (text == null || text.isEmpty()) {
      return Selector.everything();
    }
    FieldSelector s;
    try {
      s = FieldSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.of(e.getMessage());
    }
    for (FieldRequirement req : s.requirements()) {
      if (!FieldSelectors.METADATA.contains(req.field())
          && !FieldSelectors.supported(ctx.type().groupResource()).contains(req.field())) {
        throw BadRequestException.of(
            "Unable to find \""
                + req.field()
                + "\" field label: field label not supported: "
                + req.field());
      }
    }
    return Selector.fields(s);
  }
}

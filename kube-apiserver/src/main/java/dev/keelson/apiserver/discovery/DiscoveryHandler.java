package dev.keelson.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.apiserver.http.Exchange;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves discovery: {@code /api}, {@code /apis} (legacy or aggregated, by the {@code Accept}
 * header: see {@link DiscoveryFormat}), {@code /apis/{group}}, {@code /api/v1} and {@code
 * /apis/{group}/{version}}. An unknown group or group-version answers 404 with a {@code Status}.
 * Documents are cached per state of the registry (see {@link SnapshotCache}), so registering or
 * removing a resource (a CRD) shows at the next request.
 *
 * <p>Aggregated answers carry an {@code ETag} (a hash of the body) and honour {@code If-None-Match}
 * with 304, and {@code Vary: Accept}, as kube-apiserver's aggregated handler does.
 */
public final class DiscoveryHandler {
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");

  private final SnapshotCache<String, Optional<Document>> cache;
  private final Supplier<String> serverAddress;
  private final boolean aggregatedEnabled;

  /** A serialized document and its entity tag. */
  record Document(byte[] body, String etag) {
    static Document of(ObjectNode node) {
      byte[] body = KubeJson.encode(node);
      try {
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(body);
        return new Document(body, "\"" + HexFormat.of().formatHex(sum, 0, 16) + "\"");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * @param registry what is served; read at every request
   * @param serverAddress the {@code host:port} clients reach the server at ({@code /api}'s {@code
   *     serverAddressByClientCIDRs})
   * @param aggregatedEnabled whether {@code /api} and {@code /apis} may answer aggregated discovery
   *     (kube-apiserver's {@code AggregatedDiscoveryEndpoint} feature; on by default there)
   */
  public DiscoveryHandler(
      ResourceRegistry registry, Supplier<String> serverAddress, boolean aggregatedEnabled) {
    this.cache = new SnapshotCache<>(registry);
    this.serverAddress = serverAddress;
    this.aggregatedEnabled = aggregatedEnabled;
  }

  /**
   * Whether {@code path} is a discovery path: {@code /api}, {@code /apis}, {@code /api/{v}}, {@code
   * /apis/{g}}, {@code /apis/{g}/{v}} (a trailing slash allowed). Deeper paths are resources.
   */
  public static boolean isDiscoveryPath(String path) {
    String[] s = segments(path);
    if (s.length == 0) {
      return false;
    }
    return (s[0].equals("api") && s.length <= 2) || (s[0].equals("apis") && s.length <= 3);
  }

  /**
   * Answers a request for a {@linkplain #isDiscoveryPath discovery path}.
   *
   * @throws NotFoundException for an unknown group or version
   * @throws MethodNotAllowedException for anything but GET and HEAD
   */
  public void handle(Exchange exchange) {
    String method = exchange.request().method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw MethodNotAllowedException.of(GroupResource.of("", "discovery"), method);
    }
    String[] s = segments(exchange.request().path());
    if (s.length == 1) {
      DiscoveryFormat format =
          DiscoveryFormat.negotiate(exchange.request().header("accept"), aggregatedEnabled);
      boolean core = s[0].equals("api");
      if (format != DiscoveryFormat.LEGACY) {
        Document d =
            cache
                .get(
                    s[0] + " " + format,
                    (snap, k) ->
                        Optional.of(
                            Document.of(
                                DiscoveryDocuments.aggregated(snap, core, format.apiVersion()))))
                .orElseThrow();
        respond(exchange, d, format.contentType(), true);
        return;
      }
      if (core) {
        ObjectNode versions =
            DiscoveryDocuments.apiVersions(cache.snapshot(), serverAddress(exchange));
        exchange.respond(200, varyAccept(JSON), KubeJson.encode(versions));
      } else {
        Document d =
            cache
                .get(
                    "apis",
                    (snap, k) -> Optional.of(Document.of(DiscoveryDocuments.apiGroupList(snap))))
                .orElseThrow();
        respond(exchange, d, "application/json", false);
      }
      return;
    }
    String group = s[0].equals("api") ? "" : s[1];
    String version = s[0].equals("api") ? s[1] : s.length == 3 ? s[2] : null;
    Optional<Document> d;
    if (version == null) {
      d =
          cache.get(
              "group " + group,
              (snap, k) -> DiscoveryDocuments.apiGroup(snap, group).map(Document::of));
    } else {
      d =
          cache.get(
              "gv " + group + "/" + version,
              (snap, k) ->
                  DiscoveryDocuments.apiResourceList(snap, group, version).map(Document::of));
    }
    if (d.isEmpty()) {
      throw NotFoundException.of("the server could not find the requested resource");
    }
    respond(exchange, d.get(), "application/json", false);
  }

  private static void respond(Exchange exchange, Document d, String contentType, boolean etag) {
    if (etag && d.etag().equals(exchange.request().header("if-none-match"))) {
      exchange.respond(304, Map.of("etag", d.etag(), "vary", "Accept"), new byte[0]);
      return;
    }
    Map<String, String> headers =
        etag
            ? Map.of("content-type", contentType, "etag", d.etag(), "vary", "Accept")
            : varyAccept(Map.of("content-type", contentType));
    exchange.respond(200, headers, d.body());
  }

  private static Map<String, String> varyAccept(Map<String, String> headers) {
    Map<String, String> m = new LinkedHashMap<>(headers);
    m.put("vary", "Accept");
    return m;
  }

  private String serverAddress(Exchange exchange) {
    String configured = serverAddress.get();
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    String host = exchange.request().header("host");
    return host == null ? "" : host;
  }

  private static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/");
  }
}

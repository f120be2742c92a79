package dev.keelson.apiserver.openapi;

import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.apiserver.discovery.ApiSnapshot;
import dev.keelson.apiserver.discovery.SnapshotCache;
import dev.keelson.apiserver.http.Exchange;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Serves {@code GET /openapi/v3} (the index of group-version documents, each URL carrying its
 * document's hash) and {@code GET /openapi/v3/api/v1}, {@code GET /openapi/v3/apis/{g}/{v}} (the
 * documents: see {@link OpenApiDocuments}), as kube-apiserver does:
 *
 * <ul>
 *   <li>the hash is the upper-case hex SHA-512 of the document, also sent as {@code ETag};
 *   <li>a request whose {@code hash} matches is answered with {@code Cache-Control: public,
 *       immutable}; one whose {@code hash} is stale is redirected (301) to the current URL; one
 *       without {@code hash} is answered with {@code Cache-Control: no-cache, private}, and with
 *       304 when {@code If-None-Match} names the current ETag;
 *   <li>an unknown group-version answers 404 with a {@code Status}.
 * </ul>
 *
 * Documents of group-versions that serve only built-in kinds are cached until the registry changes;
 * those with custom resources are rebuilt at each request, because their schemas (from {@link
 * CustomResourceSchemas}) can change while the registry stays the same.
 */
public final class OpenApiHandler {
  /** The path of the index. */
  public static final String ROOT = "/openapi/v3";

  private final SnapshotCache<String, Optional<Document>> cache;
  private final CustomResourceSchemas custom;

  /** A serialized document and its hash. */
  record Document(byte[] body, String hash) {
    static Document of(byte[] body) {
      try {
        return new Document(
            body,
            HexFormat.of()
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-512").digest(body)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public OpenApiHandler(ResourceRegistry registry, CustomResourceSchemas custom) {
    this.cache = new SnapshotCache<>(registry);
    this.custom = Objects.requireNonNull(custom, "custom");
  }

  /** Whether {@code path} is {@code /openapi/v3} or below it. */
  public static boolean isOpenApiPath(String path) {
    return path.equals(ROOT) || path.equals(ROOT + "/") || path.startsWith(ROOT + "/");
  }

  /**
   * Answers a request for an {@linkplain #isOpenApiPath OpenAPI v3 path}.
   *
   * @throws NotFoundException for an unknown group-version
   */
  public void handle(Exchange exchange) {
    String method = exchange.request().method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw MethodNotAllowedException.of(GroupResource.of("", "openapi"), method);
    }
    String path = exchange.request().path();
    ApiSnapshot snapshot = cache.snapshot();
    if (path.equals(ROOT) || path.equals(ROOT + "/")) {
      SortedMap<String, String> hashes = new TreeMap<>();
      for (String group : snapshot.groups()) {
        for (String version : snapshot.versions(group)) {
          document(group, version)
              .ifPresent(d -> hashes.put(OpenApiDocuments.key(group, version), d.hash()));
        }
      }
      exchange.respond(
          200,
          Map.of("content-type", "application/json", "cache-control", "no-cache, private"),
          KubeJson.encode(OpenApiDocuments.index(hashes)));
      return;
    }
    String key = path.substring(ROOT.length() + 1);
    if (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    String[] s = key.split("/");
    Optional<Document> doc = Optional.empty();
    if (s.length == 2 && s[0].equals("api")) {
      doc = document("", s[1]);
    } else if (s.length == 3 && s[0].equals("apis")) {
      doc = document(s[1], s[2]);
    }
    if (doc.isEmpty()) {
      throw NotFoundException.of("the server could not find the requested resource");
    }
    Document d = doc.get();
    String etag = "\"" + d.hash() + "\"";
    String asked = exchange.request().param("hash");
    if (asked != null && !asked.isEmpty() && !asked.equals(d.hash())) {
      exchange.respond(
          301,
          Map.of(
              "location",
              ROOT + "/" + key + "?hash=" + d.hash(),
              "cache-control",
              "no-cache, private"),
          new byte[0]);
      return;
    }
    String cacheControl =
        asked != null && !asked.isEmpty() ? "public, immutable" : "no-cache, private";
    if (etag.equals(exchange.request().header("if-none-match"))) {
      exchange.respond(304, Map.of("etag", etag, "cache-control", cacheControl), new byte[0]);
      return;
    }
    exchange.respond(
        200,
        Map.of("content-type", "application/json", "etag", etag, "cache-control", cacheControl),
        d.body());
  }

  /** The document of a group-version, built from the registry's current state. */
  Optional<Document> document(String group, String version) {
    String key = OpenApiDocuments.key(group, version);
    ApiSnapshot snapshot = cache.snapshot();
    boolean builtinOnly =
        snapshot.resources(group, version).stream().allMatch(t -> t.javaTypeName() != null);
    if (builtinOnly) {
      return cache.get(key, (snap, k) -> build(snap, group, version));
    }
    return build(snapshot, group, version);
  }

  private Optional<Document> build(ApiSnapshot snapshot, String group, String version) {
    return OpenApiDocuments.groupVersion(snapshot, group, version, custom)
        .map(doc -> Document.of(KubeJson.encode(doc)));
  }
}

package dev.keelson.apiserver;

import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.discovery.DiscoveryHandler;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.HttpHandler;
import dev.keelson.apiserver.metrics.RequestMetrics;
import dev.keelson.apiserver.openapi.OpenApiHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The server's paths: {@code /version}, health, discovery ({@code /api}, {@code /apis}, {@code
 * /api/v1}, {@code /apis/{g}[/{v}]}), OpenAPI ({@code /openapi/v3...}), and everything below a
 * group-version ({@code /api/v1/...}, {@code /apis/{g}/{v}/...}) to the resource handler.
 */
final class Routes implements HttpHandler {
  private static final Map<String, String> JSON = Map.of("content-type", "application/json");

  private final DiscoveryHandler discovery;
  private final OpenApiHandler openapi;
  private final HttpHandler resourceHandler;

  /**
   * @param resourceHandler serves every path below a group-version ({@code /api/v1/pods}, {@code
   *     /apis/apps/v1/namespaces/x/deployments/y/scale}, ...)
   */
  private final RequestMetrics metrics;

  Routes(
      DiscoveryHandler discovery,
      OpenApiHandler openapi,
      HttpHandler resourceHandler,
      RequestMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.discovery = Objects.requireNonNull(discovery, "discovery");
    this.openapi = Objects.requireNonNull(openapi, "openapi");
    this.resourceHandler = Objects.requireNonNull(resourceHandler, "resourceHandler");
  }

  @Override
  public void handle(Exchange exchange) throws Exception {
    String path = exchange.request().path();
    String method = exchange.request().method();
    switch (path) {
      case "/version", "/version/" -> {
        requireGet(method, "version");
        exchange.respond(200, JSON, KubeJson.encode(Version.CURRENT));
      }
      case "/metrics" -> {
        requireGet(method, "metrics");
        exchange.respond(
            200,
            Map.of("content-type", "text/plain; version=0.0.4; charset=utf-8"),
            metrics.render().getBytes(StandardCharsets.UTF_8));
      }
      case "/healthz", "/livez", "/readyz" -> {
        requireGet(method, path.substring(1));
        HealthAnswers.passed(exchange, path.substring(1));
      }
      default -> {
        if (DiscoveryHandler.isDiscoveryPath(path)) {
          discovery.handle(exchange);
        } else if (OpenApiHandler.isOpenApiPath(path)) {
          openapi.handle(exchange);
        } else if (path.startsWith("/api/") || path.startsWith("/apis/")) {
          resourceHandler.handle(exchange);
        } else {
          throw NotFoundException.of("the server could not find the requested resource");
        }
      }
    }
  }

  private static void requireGet(String method, String what) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw MethodNotAllowedException.of(dev.keelson.api.GroupResource.of("", what), method);
    }
  }
}

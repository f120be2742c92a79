package dev.keelson.apiserver;

import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.HttpHandler;
import dev.keelson.apiserver.rest.ApiPath;
import dev.keelson.apiserver.rest.ResourceHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The server's paths. */
final class Routes implements HttpHandler {
  private final ResourceHandler resources;

  Routes(ResourceHandler resources) {
    this.resources = resources;
  }

  private static final Map<String, String> JSON = Map.of("content-type", "application/json");
  private static final Map<String, String> TEXT =
      Map.of("content-type", "text/plain; charset=utf-8", "x-content-type-options", "nosniff");

  @Override
  public void handle(Exchange exchange) throws Exception {
    String path = exchange.request().path();
    String method = exchange.request().method();
    switch (path) {
      case "/version", "/version/" -> {
        requireGet(method, "version");
        exchange.respond(200, JSON, KubeJson.encode(Version.CURRENT));
      }
      case "/healthz", "/livez", "/readyz" -> {
        requireGet(method, path.substring(1));
        if (exchange.request().param("verbose") != null) {
          String name = path.substring(1);
          String body = "[+]ping ok\n" + name + " check passed\n";
          exchange.respond(200, TEXT, body.getBytes(StandardCharsets.UTF_8));
        } else {
          exchange.respond(200, TEXT, "ok".getBytes(StandardCharsets.UTF_8));
        }
      }
      default -> {
        ApiPath api = ApiPath.parse(path);
        if (api == null || api.resource() == null) {
          throw NotFoundException.of("the server could not find the requested resource");
        }
        resources.handle(exchange, api);
      }
    }
  }

  private static void requireGet(String method, String what) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw MethodNotAllowedException.of(dev.keelson.api.GroupResource.of("", what), method);
    }
  }
}

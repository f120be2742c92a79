package dev.keelson.apiserver.rest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small HTTP client for tests of the resource API: JSON in (with ' for "), JSON out. */
final class HttpApi {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final ApiServer server;

  HttpApi(ApiServer server) {
    this.server = server;
  }

  /** An answer: status code, body as JSON (missing if not JSON) and the raw response. */
  record Answer(int code, JsonNode json, HttpResponse<String> raw) {
    String text(String pointer) {
      return json.at(pointer).asText();
    }

    /** The value of a response header, or null. */
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Answer send(String method, String path, String contentType, String body) throws Exception {
    return send(method, path, contentType, body == null ? null : body.replace('\'', '"'), Map.of());
  }

  /** Sends {@code body} as is (no quote replacement), with extra headers. */
  Answer send(
      String method, String path, String contentType, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = KubeJson.parse(r.body().getBytes(UTF_8));
    } catch (RuntimeException e) {
      json = MissingNode.getInstance();
    }
    return new Answer(r.statusCode(), json, r);
  }

  Answer post(String path, String body) throws Exception {
    return send("POST", path, "application/json", body);
  }

  Answer put(String path, String body) throws Exception {
    return send("PUT", path, "application/json", body);
  }

  Answer get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  Answer delete(String path) throws Exception {
    return send("DELETE", path, null, null);
  }

  /** The raw text of a GET (for /metrics). */
  String text(String path) throws Exception {
    return get(path).raw().body();
  }
}

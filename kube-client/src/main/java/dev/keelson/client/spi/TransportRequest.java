package dev.keelson.client.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request of the API, independent of the wire.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path the absolute path, for example {@code /api/v1/namespaces/default/pods}, not encoded
 * @param query query parameters in order (values not encoded)
 * @param headers request headers (lower-case names), for example {@code content-type}
 * @param body the body, or an empty array
 */
public record TransportRequest(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    Map<String, String> headers,
    byte[] body) {
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }
}

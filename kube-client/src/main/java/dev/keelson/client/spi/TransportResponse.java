package dev.keelson.client.spi;

import java.util.List;
import java.util.Map;

/**
 * A whole answer.
 *
 * @param code the HTTP status code
 * @param headers response headers by lower-case name
 * @param body the body, possibly empty
 */
public record TransportResponse(int code, Map<String, List<String>> headers, byte[] body) {
  public TransportResponse {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}

package dev.keelson.apiserver.http;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request, with its whole body (bodies are bounded by the server's limit).
 *
 * @param method upper case, for example {@code GET}
 * @param path the decoded path, without the query
 * @param query decoded query parameters in order; a parameter may repeat
 * @param headers header names in lower case
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2}
 */
public record Request(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String protocol,
    InetSocketAddress remote) {

  public Request {
    query = copy(query);
    headers = copy(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a query parameter, or {@code null}. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value of a header (case-insensitive), or {@code null}. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Splits and decodes a raw query string ({@code a=1&b=x%20y&a=2}). */
  public static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed query: " + s);
    }
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    if (m == null) {
      return Map.of();
    }
    Map<String, List<String>> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(c);
  }
}

package dev.keelson.controller.manager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /healthz}, {@code /readyz} (and {@code /healthz/<check>}, {@code /readyz/<check>})
 * and {@code /metrics} with the JDK's HTTP server, answering as Kubernetes' healthz handler does:
 * {@code ok} when every check passes, with {@code ?verbose} one {@code [+]name ok} line per check
 * and {@code <endpoint> check passed}; on a failure status 500 with {@code [-]name failed: reason
 * withheld} lines and {@code <endpoint> check failed}. {@code ?exclude=name} skips a check. At most
 * {@link #MAX_CONCURRENT} requests run at once; more get 503.
 */
final class HealthEndpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthEndpoints.class);
  static final int MAX_CONCURRENT = 16;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore permits = new Semaphore(MAX_CONCURRENT);
  private final Supplier<Map<String, HealthCheck>> healthz;
  private final Supplier<Map<String, HealthCheck>> readyz;
  private final Supplier<String> metrics;

  HealthEndpoints(
      InetSocketAddress address,
      Supplier<Map<String, HealthCheck>> healthz,
      Supplier<Map<String, HealthCheck>> readyz,
      Supplier<String> metrics)
      throws IOException {
    this.healthz = healthz;
    this.readyz = readyz;
    this.metrics = metrics;
    this.server = HttpServer.create(address, 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    if (!permits.tryAcquire()) {
      reply(ex, 503, "text/plain; charset=utf-8", "too many requests\n");
      return;
    }
    try {
      route(ex);
    } catch (RuntimeException e) {
      log.warn("{} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString(), e);
      reply(ex, 500, "text/plain; charset=utf-8", "internal server error\n");
    } finally {
      permits.release();
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      reply(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
      return;
    }
    String path = ex.getRequestURI().getPath();
    Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
    if (path.equals("/metrics")) {
      reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
    } else if (path.equals("/healthz") || path.startsWith("/healthz/")) {
      checks(ex, "healthz", path.substring("/healthz".length()), healthz.get(), query);
    } else if (path.equals("/readyz") || path.startsWith("/readyz/")) {
      checks(ex, "readyz", path.substring("/readyz".length()), readyz.get(), query);
    } else {
      reply(ex, 404, "text/plain; charset=utf-8", "404 page not found\n");
    }
  }

  private void checks(
      HttpExchange ex,
      String endpoint,
      String rest,
      Map<String, HealthCheck> checks,
      Map<String, List<String>> query)
      throws IOException {
    String text = "text/plain; charset=utf-8";
    if (!rest.isEmpty() && !rest.equals("/")) {
      String name = rest.substring(1);
      HealthCheck check = checks.get(name);
      if (check == null) {
        reply(ex, 404, text, "404 page not found\n");
        return;
      }
      try {
        check.check();
        reply(ex, 200, text, "ok");
      } catch (Exception e) {
        reply(ex, 500, text, "internal server error: " + e.getMessage() + "\n");
      }
      return;
    }
    Set<String> excluded = new LinkedHashSet<>();
    for (String e : query.getOrDefault("exclude", List.of())) {
      excluded.add(e.trim());
    }
    StringBuilder out = new StringBuilder();
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, HealthCheck> c : checks.entrySet()) {
      String name = c.getKey();
      if (excluded.remove(name)) {
        out.append("[+]").append(name).append(" excluded: ok\n");
        continue;
      }
      try {
        c.getValue().check();
        out.append("[+]").append(name).append(" ok\n");
      } catch (Exception e) {
        out.append("[-]").append(name).append(" failed: reason withheld\n");
        failed.add(name);
        log.debug("{} check {} failed: {}", endpoint, name, e.getMessage());
      }
    }
    if (!excluded.isEmpty()) {
      out.append("warn: some health checks cannot be excluded: no matches for ")
          .append(excluded.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",")))
          .append('\n');
    }
    if (!failed.isEmpty()) {
      reply(ex, 500, text, out + endpoint + " check failed\n");
    } else if (query.containsKey("verbose")) {
      reply(ex, 200, text, out + endpoint + " check passed\n");
    } else {
      reply(ex, 200, text, "ok");
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }
}

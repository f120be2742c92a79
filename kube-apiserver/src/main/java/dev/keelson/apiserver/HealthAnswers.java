package dev.keelson.apiserver;

import dev.keelson.apiserver.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answers of the health endpoints ({@code /healthz}, {@code /livez}, {@code /readyz}) in
 * kube-apiserver's text form: {@code ok}, or with {@code ?verbose} one line per check and the
 * verdict; a failed endpoint answers 500 with every line whether or not verbose was asked.
 */
final class HealthAnswers {
  private static final Map<String, String> TEXT =
      Map.of("content-type", "text/plain; charset=utf-8", "x-content-type-options", "nosniff");
  private static final String PING = "[+]ping ok\n";

  private HealthAnswers() {}

  /** Every check of {@code endpoint} ({@code readyz}, ...) passed. */
  static void passed(Exchange exchange, String endpoint) {
    String body =
        exchange.request().param("verbose") != null ? PING + endpoint + " check passed\n" : "ok";
    exchange.respond(200, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The check named {@code failing} of {@code endpoint} failed. */
  static void failed(Exchange exchange, String endpoint, String failing) {
    String body =
        PING + "[-]" + failing + " failed: reason withheld\n" + endpoint + " check failed\n";
    exchange.respond(500, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }
}

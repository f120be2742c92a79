package dev.keelson.apiserver.http;

import java.util.Locale;

/**
 * Recognizes a WebSocket opening handshake (RFC 6455): an HTTP/1.1 {@code GET} with {@code Upgrade:
 * websocket} and {@code Connection: Upgrade}. HTTP/2 has no such upgrade (RFC 8441 is not offered),
 * so clients open WebSockets over HTTP/1.1, as they do with kube-apiserver.
 */
final class WebSocketUpgrade {
  private WebSocketUpgrade() {}

  static boolean requested(Request r) {
    if (!"GET".equals(r.method()) || !"HTTP/1.1".equals(r.protocol())) {
      return false;
    }
    String upgrade = r.header("upgrade");
    String connection = r.header("connection");
    if (upgrade == null || connection == null) {
      return false;
    }
    if (!upgrade.trim().equalsIgnoreCase("websocket")) {
      return false;
    }
    for (String token : connection.split(",")) {
      if (token.trim().toLowerCase(Locale.ROOT).equals("upgrade")) {
        return true;
      }
    }
    return false;
  }
}

package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Status;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.http.ResponseStream;
import dev.keelson.apiserver.kubelet.KubeletClient;
import dev.keelson.apiserver.kubelet.NodeEndpoint;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The pod subresources served by the pod's node: {@code log} (an HTTPS stream from the kubelet's
 * {@code /containerLogs}) and {@code exec} and {@code attach} (WebSocket sessions relayed to the
 * kubelet's {@code /exec} and {@code /attach}), resolved and validated as kube-apiserver does.
 */
final class PodStreams {
  /** The remote command subprotocols relayed (frames pass unchanged, so all of them are cheap). */
  static final List<String> PROTOCOLS =
      List.of(
          "v5.channel.k8s.io",
          "v4.channel.k8s.io",
          "v3.channel.k8s.io",
          "v2.channel.k8s.io",
          "channel.k8s.io",
          "base64.channel.k8s.io");

  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Map<String, String> TEXT = Map.of("content-type", "text/plain");

  private final ResourceHandler resources;
  private final ObjectReads reads;
  private final KubeletClient kubelet;

  PodStreams(ResourceHandler resources, ObjectReads reads, KubeletClient kubelet) {
    this.resources = resources;
    this.reads = reads;
    this.kubelet = kubelet;
  }

  void serve(Exchange exchange, ResourceContext pods, ApiPath path) throws IOException {
    String sub = path.subresource();
    if (kubelet == null) {
      throw ServiceUnavailableException.of("this server has no kubelet client configured");
    }
    switch (sub) {
      case "log" -> log(exchange, pods, path);
      case "exec", "attach" -> connect(exchange, pods, path, sub);
      default ->
          throw BadRequestException.of(
              "the " + sub + " subresource is not supported by this server yet");
    }
  }

  private void log(Exchange exchange, ResourceContext pods, ApiPath path) throws IOException {
    Request r = exchange.request();
    if (!r.method().equals("GET")) {
      throw MethodNotAllowedException.of(GroupResource.of("", "pods/log"), r.method());
    }
    PodStreamOptions.Log options = PodStreamOptions.log(r, path.name());
    ObjectNode pod = reads.get(pods, path.namespace(), path.name());
    String container = PodStreamOptions.container(pod, options.container());
    String nodeName = pod.path("spec").path("nodeName").asText("");
    if (nodeName.isEmpty()) {
      // kube-apiserver streams nothing for a pod that has no node yet.
      exchange.respond(200, TEXT, new byte[0]);
      return;
    }
    NodeEndpoint node = node(nodeName);
    String target =
        "/containerLogs/"
            + path.namespace()
            + "/"
            + path.name()
            + "/"
            + container
            + options.kubeletQuery();
    try (KubeletClient.Response response = kubelet.get(node, target)) {
      if (response.code() / 100 != 2) {
        throw fromKubelet(response.code(), readBounded(response.body()));
      }
      ResponseStream out = exchange.stream(200, TEXT);
      CompletableFuture<Void> stop =
          CompletableFuture.anyOf(
                  exchange.closed().toCompletableFuture(),
                  exchange.shuttingDown().toCompletableFuture())
              .thenRun(response::close);
      try {
        byte[] buffer = new byte[32 * 1024];
        InputStream in = response.body();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (n > 0) {
            out.write(Arrays.copyOf(buffer, n));
          }
        }
      } catch (IOException e) {
        // the client left, the server is stopping, or the kubelet dropped the stream: end it
      } finally {
        stop.cancel(false);
        out.close();
      }
    }
  }

  private void connect(Exchange exchange, ResourceContext pods, ApiPath path, String sub)
      throws IOException {
    Request r = exchange.request();
    if (!r.method().equals("GET") && !r.method().equals("POST")) {
      throw MethodNotAllowedException.of(GroupResource.of("", "pods/" + sub), r.method());
    }
    PodStreamOptions.Stream options = PodStreamOptions.stream(r, sub.equals("exec"));
    ObjectNode pod = reads.get(pods, path.namespace(), path.name());
    String container = PodStreamOptions.container(pod, options.container());
    String nodeName = pod.path("spec").path("nodeName").asText("");
    if (nodeName.isEmpty()) {
      throw BadRequestException.of("pod " + path.name() + " does not have a host assigned");
    }
    NodeEndpoint node = node(nodeName);
    String target =
        "/"
            + sub
            + "/"
            + path.namespace()
            + "/"
            + path.name()
            + "/"
            + container
            + options.kubeletQuery();
    String upgrade = r.header("upgrade");
    if (upgrade == null || !r.protocol().equals("HTTP/1.1")) {
      throw BadRequestException.of("Upgrade request required");
    }
    if (!upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
      // SPDY/3.1: not spoken here. Dial the kubelet first, so that a node problem is reported
      // as such rather than as a protocol one (kubectl tries WebSocket first, then SPDY).
      answerSpdy(exchange, node, target);
      return;
    }
    List<String> offered = offeredProtocols(r);
    List<String> relayed = new ArrayList<>();
    for (String p : offered) {
      if (PROTOCOLS.contains(p)) {
        relayed.add(p);
      }
    }
    if (!offered.isEmpty() && relayed.isEmpty()) {
      throw BadRequestException.of(
          "unable to upgrade: unable to negotiate protocol: client supports "
              + offered
              + ", server supports "
              + PROTOCOLS);
    }
    KubeletClient.Dialed dialed = kubelet.dialWebSocket(node, target, relayed);
    if (dialed instanceof KubeletClient.Refused refused) {
      relayRefusal(exchange, refused);
      return;
    }
    KubeletClient.Upgraded up = (KubeletClient.Upgraded) dialed;
    Channel client;
    try {
      client =
          exchange.upgradeToWebSocket(
              up.protocol() == null || up.protocol().isEmpty() ? null : up.protocol(),
              kubelet.config().maxFrameBytes());
    } catch (IOException | RuntimeException e) {
      KubeletClient.abandon(up);
      throw e;
    }
    KubeletClient.relay(client, up);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    client
        .closeFuture()
        .addListener(f -> up.channel().closeFuture().addListener(g -> ended.complete(null)));
    exchange
        .shuttingDown()
        .thenRun(
            () -> {
              client.close();
              up.channel().close();
            });
    ended.join(); // the session is long-running: this request lasts as long as it does
  }

  private void answerSpdy(Exchange exchange, NodeEndpoint node, String target) {
    KubeletClient.Dialed dialed = kubelet.dialWebSocket(node, target, List.of("v4.channel.k8s.io"));
    if (dialed instanceof KubeletClient.Refused refused) {
      relayRefusal(exchange, refused);
      return;
    }
    KubeletClient.abandon((KubeletClient.Upgraded) dialed);
    throw BadRequestException.of(
        "SPDY/3.1 is not supported by this server: use a WebSocket client"
            + " (subprotocol v5.channel.k8s.io or v4.channel.k8s.io)");
  }

  /** The kubelet's non-101 answer goes back to the client as it came (a Status when it is one). */
  private static void relayRefusal(Exchange exchange, KubeletClient.Refused refused) {
    throw fromKubelet(refused.code(), refused.body());
  }

  private NodeEndpoint node(String nodeName) {
    JsonNode node = reads.get(resources.context("", "nodes"), null, nodeName);
    return NodeEndpoint.of(node, kubelet.config());
  }

  /**
   * An error answered by a kubelet: its Status if it sent one, else a Status with its code and its
   * text as the message (kube-apiserver's generic response checker).
   */
  static ApiException fromKubelet(int code, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      try {
        Status s = KubeJson.decode(body, Status.class);
        if ("Status".equals(s.kind()) && s.message() != null) {
          return ApiException.of(s.code() == null ? s.withCode(code) : s);
        }
      } catch (RuntimeException notAStatus) {
        // fall through: plain text
      }
    }
    String reason =
        switch (code) {
          case 400 -> "BadRequest";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "NotFound";
          case 405 -> "MethodNotAllowed";
          case 409 -> "Conflict";
          case 422 -> "Invalid";
          case 429 -> "TooManyRequests";
          case 500 -> "InternalError";
          case 503 -> "ServiceUnavailable";
          case 504 -> "Timeout";
          default -> "";
        };
    String message = text.isEmpty() ? "the kubelet answered " + code : text;
    return ApiException.of(Status.failure(code, reason, message, null));
  }

  private static List<String> offeredProtocols(Request r) {
    List<String> out = new ArrayList<>();
    for (String h : r.headers().getOrDefault("sec-websocket-protocol", List.of())) {
      for (String p : h.split(",")) {
        if (!p.isBlank()) {
          out.add(p.strip());
        }
      }
    }
    return out;
  }

  private static byte[] readBounded(InputStream in) {
    try {
      return in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}

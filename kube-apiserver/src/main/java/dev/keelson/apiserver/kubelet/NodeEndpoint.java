package dev.keelson.apiserver.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.meta.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a node's kubelet API listens: {@code https://host:port}.
 *
 * @param host an address or DNS name from {@code Node.status.addresses}
 * @param port from {@code status.daemonEndpoints.kubeletEndpoint.Port}, else the configured default
 */
public record NodeEndpoint(String host, int port) {

  /**
   * The endpoint of a node object (JSON): the first address whose type comes first in {@code
   * preferredAddressTypes} (for {@code Hostname}, the {@code kubernetes.io/hostname} label also
   * serves, as in Kubernetes), and the port the node reports.
   *
   * @throws dev.keelson.api.errors.ApiException 500 when no address matches, with kube-apiserver's
   *     message
   */
  public static NodeEndpoint of(JsonNode node, KubeletClientConfig config) {
    JsonNode addresses = node.path("status").path("addresses");
    for (String type : config.preferredAddressTypes()) {
      for (JsonNode a : addresses) {
        if (type.equals(a.path("type").asText()) && !a.path("address").asText().isEmpty()) {
          return new NodeEndpoint(a.path("address").asText(), port(node, config));
        }
      }
      if (type.equals("Hostname")) {
        String label = node.path("metadata").path("labels").path("kubernetes.io/hostname").asText();
        if (!label.isEmpty()) {
          return new NodeEndpoint(label, port(node, config));
        }
      }
    }
    List<String> known = new ArrayList<>();
    for (JsonNode a : addresses) {
      known.add("{" + a.path("type").asText() + " " + a.path("address").asText() + "}");
    }
    throw new InternalErrorException(
        Status.failure(
            500,
            null,
            "no preferred addresses found; known addresses: [" + String.join(" ", known) + "]",
            null));
  }

  private static int port(JsonNode node, KubeletClientConfig config) {
    int p =
        node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
    return p > 0 && p <= 65535 ? p : config.port();
  }

  /** {@code host:port}, with IPv6 addresses in brackets. */
  public String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

package dev.keelson.apiserver.kubelet;

import dev.keelson.api.KubeModel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the API server reaches node agents (kube-apiserver's {@code --kubelet-*} flags).
 *
 * @param port the port when a node reports none in {@code status.daemonEndpoints.kubeletEndpoint}
 *     (kube-apiserver: 10250)
 * @param preferredAddressTypes the order in which {@code Node.status.addresses} types are tried;
 *     Keelson's default is kubeadm's ({@code InternalIP, ExternalIP, Hostname}) followed by the DNS
 *     types. (kube-apiserver's built-in default starts with {@code Hostname}; kubeadm overrides
 *     it.)
 * @param insecureSkipTlsVerify do not verify the kubelet's serving certificate (tests only); by
 *     default it must be signed by the cluster CA and name the address dialled
 * @param connectTimeout how long dialing a kubelet (TCP, TLS and the WebSocket handshake) may take
 * @param maxFrameBytes the largest WebSocket frame payload relayed in either direction; a larger
 *     frame ends the session with close code 1009
 */
@KubeModel
public record KubeletClientConfig(
    int port,
    List<String> preferredAddressTypes,
    boolean insecureSkipTlsVerify,
    Duration connectTimeout,
    int maxFrameBytes)
    implements KubeletClientConfigBuilder.With {

  /** kubelet's default port. */
  public static final int DEFAULT_PORT = 10250;

  public KubeletClientConfig {
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535: " + port);
    }
    preferredAddressTypes = List.copyOf(preferredAddressTypes);
    if (preferredAddressTypes.isEmpty()) {
      throw new IllegalArgumentException("preferredAddressTypes must not be empty");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1024");
    }
  }

  /** Port 10250, kubeadm's address order, verified TLS, 5 s to connect, 1 MiB frames. */
  public static KubeletClientConfig defaults() {
    return new KubeletClientConfig(
        DEFAULT_PORT,
        List.of("InternalIP", "ExternalIP", "Hostname", "InternalDNS", "ExternalDNS"),
        false,
        Duration.ofSeconds(5),
        1024 * 1024);
  }
}

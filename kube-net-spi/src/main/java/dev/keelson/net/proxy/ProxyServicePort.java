package dev.keelson.net.proxy;

import java.util.List;

/**
 * What the data plane does for one service port: traffic to {@code clusterIp:port} (and to any
 * local address on {@code nodePort}) goes to one of {@code endpoints}.
 *
 * @param name the service port
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param clusterIp the cluster IP of the proxied family
 * @param port the service port number
 * @param nodePort the node port, 0 for none
 * @param affinityTimeoutSeconds ClientIP session affinity timeout; 0 for no affinity
 * @param endpoints the endpoints traffic may go to (ready ones, else serving terminating ones, as
 *     kube-proxy falls back), sorted by address
 */
public record ProxyServicePort(
    ServicePortName name,
    String protocol,
    String clusterIp,
    int port,
    int nodePort,
    int affinityTimeoutSeconds,
    List<ProxyEndpoint> endpoints) {
  /** Copies the endpoints. */
  public ProxyServicePort {
    endpoints = List.copyOf(endpoints);
  }

  /** Whether ClientIP session affinity is on. */
  public boolean clientIpAffinity() {
    return affinityTimeoutSeconds > 0;
  }
}

package dev.keelson.net.proxy;

/**
 * One backend of a service port, from an EndpointSlice.
 *
 * @param ip the endpoint's address
 * @param port the target port on that address
 * @param nodeName the node the endpoint runs on ({@code null} when unknown)
 * @param ready whether it takes new connections (the slice's {@code ready}; absent means ready)
 * @param serving whether it is serving although terminating ({@code serving}; absent: ready)
 * @param terminating whether it is shutting down
 */
public record ProxyEndpoint(
    String ip, int port, String nodeName, boolean ready, boolean serving, boolean terminating) {

  /** {@code ip:port}, as the DNAT target and in kube-proxy's chain-name hash. */
  public String address() {
    return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
  }
}

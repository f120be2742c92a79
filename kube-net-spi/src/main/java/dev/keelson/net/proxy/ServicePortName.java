package dev.keelson.net.proxy;

import java.util.Objects;

/**
 * One port of one Service: what kube-proxy programs one set of rules for. Its text form is
 * kube-proxy's {@code ns/name:port} ({@code ns/name} for an unnamed port), which also seeds the
 * iptables chain names.
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 * @param port the port's name ({@code ""} when the Service has a single unnamed port)
 */
public record ServicePortName(String namespace, String name, String port) {
  /** Checks the parts. */
  public ServicePortName {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    port = port == null ? "" : port;
  }

  /** The Service's {@code ns/name}. */
  public String service() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return port.isEmpty() ? service() : service() + ":" + port;
  }
}

package dev.keelson.node.spi;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Probe;
import java.util.List;

/**
 * One probe run: which probe of which container, and where the pod is reachable.
 *
 * @param type liveness, readiness or startup
 * @param pod the pod
 * @param container the container spec
 * @param containerId the runtime's container id
 * @param probe the probe (exec, httpGet, tcpSocket or grpc), with defaults applied
 * @param podIps the pod's IPs (targets of httpGet, tcpSocket and grpc when no host is given)
 */
public record ProbeRequest(
    ProbeType type,
    Pod pod,
    Container container,
    String containerId,
    Probe probe,
    List<String> podIps) {
  /** Copies the list. */
  public ProbeRequest {
    podIps = List.copyOf(podIps);
  }
}

package dev.keelson.node.spi;

import java.time.Instant;
import java.util.Map;

/**
 * CRI {@code PodSandboxStatus}.
 *
 * @param id the sandbox id
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's uid
 * @param state ready or stopped
 * @param createdAt when it was created
 * @param netnsPath its network namespace path, empty if none (host network or simulated)
 * @param labels its CRI labels
 */
public record PodSandboxStatus(
    String id,
    String namespace,
    String name,
    String uid,
    SandboxState state,
    Instant createdAt,
    String netnsPath,
    Map<String, String> labels) {
  /** Copies the map. */
  public PodSandboxStatus {
    labels = Map.copyOf(labels);
  }
}

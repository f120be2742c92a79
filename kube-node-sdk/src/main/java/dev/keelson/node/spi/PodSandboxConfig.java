package dev.keelson.node.spi;

import java.util.Map;

/**
 * CRI {@code PodSandboxConfig}, the part the agent fills.
 *
 * @param name the pod's name
 * @param namespace the pod's namespace
 * @param uid the pod's uid
 * @param attempt how many sandboxes this pod had before
 * @param hostname the pod's hostname
 * @param logDirectory where containers' logs go ({@code /var/log/pods/<ns>_<name>_<uid>})
 * @param hostNetwork whether the pod shares the node's network namespace
 * @param labels CRI labels (the pod's labels plus {@code io.kubernetes.pod.*})
 * @param annotations the pod's annotations
 * @param dnsConfig CRI {@code dns_config}: the pod's resolv.conf, null for the runtime's default
 */
public record PodSandboxConfig(
    String name,
    String namespace,
    String uid,
    int attempt,
    String hostname,
    String logDirectory,
    boolean hostNetwork,
    Map<String, String> labels,
    Map<String, String> annotations,
    DnsConfig dnsConfig) {
  /** Copies the maps. */
  public PodSandboxConfig {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** A config without DNS settings (the runtime's default resolv.conf). */
  public PodSandboxConfig(
      String name,
      String namespace,
      String uid,
      int attempt,
      String hostname,
      String logDirectory,
      boolean hostNetwork,
      Map<String, String> labels,
      Map<String, String> annotations) {
    this(
        name,
        namespace,
        uid,
        attempt,
        hostname,
        logDirectory,
        hostNetwork,
        labels,
        annotations,
        null);
  }
}

package dev.keelson.net.spi;

import java.util.Objects;

/**
 * One sandbox to attach or detach.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's uid
 * @param sandboxId the runtime's id of the pod sandbox (CNI's container id)
 * @param netnsPath the sandbox's network namespace (CNI_NETNS), empty when the runtime has none
 * @param podCidr the node's pod CIDR as assigned in the API, empty while unassigned
 */
public record PodNetworkRequest(
    String namespace, String name, String uid, String sandboxId, String netnsPath, String podCidr) {
  /** Checks the fields. */
  public PodNetworkRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(sandboxId, "sandboxId");
    netnsPath = netnsPath == null ? "" : netnsPath;
    podCidr = podCidr == null ? "" : podCidr;
  }
}

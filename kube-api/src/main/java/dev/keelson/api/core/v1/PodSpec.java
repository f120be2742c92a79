package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.internal.Named;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/**
 * A description of a pod.
 *
 * @param volumes merged by {@code name}, honouring {@code $retainKeys}, in strategic merge patches
 * @param serviceAccount deprecated in Kubernetes; kept so that objects round-trip
 */
@KubeModel
public record PodSpec(
    @PatchStrategy(merge = true, key = "name", retainKeys = true) List<Volume> volumes,
    @PatchStrategy(merge = true, key = "name") List<Container> initContainers,
    @PatchStrategy(merge = true, key = "name") List<Container> containers,
    @PatchStrategy(merge = true, key = "name") List<EphemeralContainer> ephemeralContainers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    Long activeDeadlineSeconds,
    String dnsPolicy,
    Map<String, String> nodeSelector,
    String serviceAccountName,
    String serviceAccount,
    Boolean automountServiceAccountToken,
    String nodeName,
    Boolean hostNetwork,
    Boolean hostPID,
    Boolean hostIPC,
    Boolean shareProcessNamespace,
    PodSecurityContext securityContext,
    @PatchStrategy(merge = true, key = "name") List<LocalObjectReference> imagePullSecrets,
    String hostname,
    String subdomain,
    Affinity affinity,
    String schedulerName,
    List<Toleration> tolerations,
    @PatchStrategy(merge = true, key = "ip") List<HostAlias> hostAliases,
    String priorityClassName,
    Integer priority,
    PodDNSConfig dnsConfig,
    List<PodReadinessGate> readinessGates,
    String runtimeClassName,
    Boolean enableServiceLinks,
    String preemptionPolicy,
    Map<String, Quantity> overhead,
    @PatchStrategy(merge = true, key = "topologyKey")
        List<TopologySpreadConstraint> topologySpreadConstraints,
    Boolean setHostnameAsFQDN,
    PodOS os,
    Boolean hostUsers,
    @PatchStrategy(merge = true, key = "name") List<PodSchedulingGate> schedulingGates,
    @PatchStrategy(merge = true, key = "name", retainKeys = true)
        List<PodResourceClaim> resourceClaims,
    ResourceRequirements resources,
    String hostnameOverride,
    PodSchedulingGroup schedulingGroup,
    @PatchStrategy(merge = true, key = "name") List<EvictionResponder> evictionResponders)
    implements PodSpecBuilder.With {
  public PodSpec {
    volumes = Immutable.list(volumes);
    initContainers = Immutable.list(initContainers);
    containers = Immutable.list(containers);
    ephemeralContainers = Immutable.list(ephemeralContainers);
    nodeSelector = Immutable.map(nodeSelector);
    imagePullSecrets = Immutable.list(imagePullSecrets);
    tolerations = Immutable.list(tolerations);
    hostAliases = Immutable.list(hostAliases);
    readinessGates = Immutable.list(readinessGates);
    overhead = Immutable.map(overhead);
    topologySpreadConstraints = Immutable.list(topologySpreadConstraints);
    schedulingGates = Immutable.list(schedulingGates);
    resourceClaims = Immutable.list(resourceClaims);
    evictionResponders = Immutable.list(evictionResponders);
  }

  /** The named container or init container, or {@code null}. */
  public Container container(String name) {
    Container c = Named.find(containers, Container::name, name);
    return c != null ? c : Named.find(initContainers, Container::name, name);
  }

  /** The named volume, or {@code null}. */
  public Volume volume(String name) {
    return Named.find(volumes, Volume::name, name);
  }
}

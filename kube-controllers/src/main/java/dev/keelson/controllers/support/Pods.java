package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodIP;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.values.IntOrString;
import dev.keelson.controller.cache.Indexers;
import dev.keelson.controller.informer.SharedInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** Pod state as the workload controllers judge it (Kubernetes' {@code podutil} rules). */
public final class Pods {
  /** The name of the index of pods by {@code spec.nodeName} that {@link #indexByNode} adds. */
  public static final String NODE_INDEX = "keelson.controllers.nodeName";

  private Pods() {}

  /**
   * Adds the index {@link #NODE_INDEX} (pods by {@code spec.nodeName}) to a pod informer, unless a
   * controller sharing the informer did already.
   */
  public static SharedInformer<Pod> indexByNode(SharedInformer<Pod> pods) {
    synchronized (pods) {
      try {
        pods.addIndex(
            NODE_INDEX,
            Indexers.byField(
                (Pod p) ->
                    p.spec() == null || p.spec().nodeName() == null || p.spec().nodeName().isEmpty()
                        ? null
                        : p.spec().nodeName()));
      } catch (IllegalArgumentException alreadyThere) {
        // shared informer: another controller added it
      }
    }
    return pods;
  }

  /** Whether the pod has ended: phase {@code Succeeded} or {@code Failed}. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Whether the pod is being deleted (has a deletionTimestamp). */
  public static boolean isTerminating(Pod pod) {
    return pod.metadata() != null && pod.metadata().deletionTimestamp() != null;
  }

  /**
   * Whether the pod counts as active for its controller: neither terminal nor being deleted (as
   * {@code controller.IsPodActive}).
   */
  public static boolean isActive(Pod pod) {
    return !isTerminal(pod) && !isTerminating(pod);
  }

  /** Whether the pod's {@code Ready} condition is {@code True}. */
  public static boolean isReady(Pod pod) {
    return pod.status() != null && pod.status().isReady();
  }

  /**
   * Whether the pod is available: Ready, and Ready for at least {@code minReadySeconds} at {@code
   * now} (by the condition's lastTransitionTime), as {@code podutil.IsPodAvailable}.
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    PodCondition ready = pod.status().condition("Ready");
    Instant since = ready.lastTransitionTime();
    return since != null && !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  /** When the pod last became Ready, or {@code null} when it is not Ready. */
  public static Instant readySince(Pod pod) {
    if (!isReady(pod)) {
      return null;
    }
    PodCondition ready = pod.status().condition("Ready");
    return ready == null ? null : ready.lastTransitionTime();
  }

  /** The highest restart count of the pod's containers (0 without statuses). */
  public static int maxRestarts(Pod pod) {
    if (pod.status() == null) {
      return 0;
    }
    int max = 0;
    for (ContainerStatus c : pod.status().containerStatuses()) {
      if (c.restartCount() != null) {
        max = Math.max(max, c.restartCount());
      }
    }
    return max;
  }

  /** The pod's phase, or {@code ""} without a status. */
  public static String phase(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return phase == null ? "" : phase;
  }

  /**
   * Whether the pod belongs in a Service's endpoints (as {@code ShouldPodBeInEndpoints}): not
   * terminal, has an IP, and, unless {@code includeTerminating}, is not being deleted.
   */
  public static boolean shouldBeInEndpoints(Pod pod, boolean includeTerminating) {
    if (isTerminal(pod) || ips(pod).isEmpty()) {
      return false;
    }
    return includeTerminating || !isTerminating(pod);
  }

  /**
   * Whether an endpoint of {@code pod} in {@code service} carries the pod's hostname: the pod sets
   * {@code spec.hostname} and its {@code spec.subdomain} names the Service, in the same namespace.
   */
  public static boolean shouldSetHostname(Pod pod, Service service) {
    if (pod.spec() == null || service.metadata() == null || pod.metadata() == null) {
      return false;
    }
    String hostname = pod.spec().hostname();
    return hostname != null
        && !hostname.isEmpty()
        && Objects.equals(pod.spec().subdomain(), service.metadata().name())
        && Objects.equals(pod.metadata().namespace(), service.metadata().namespace());
  }

  /** The pod's IPs ({@code status.podIPs}, else {@code status.podIP}); empty before it has one. */
  public static List<String> ips(Pod pod) {
    if (pod.status() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (PodIP ip : pod.status().podIPs()) {
      if (ip.ip() != null && !ip.ip().isEmpty()) {
        out.add(ip.ip());
      }
    }
    String primary = pod.status().podIP();
    if (out.isEmpty() && primary != null && !primary.isEmpty()) {
      out.add(primary);
    }
    return out;
  }

  /**
   * The container port that {@code servicePort} targets on {@code pod} (as {@code
   * podutil.FindPort}): a numeric target port as it is (the service port when unset); a named one
   * looked up among the pod's container ports (and restartable init containers') with the same name
   * and protocol. Empty when the pod has no port of that name.
   */
  public static OptionalInt findPort(Pod pod, ServicePort servicePort) {
    IntOrString target = servicePort.targetPort();
    if (target == null) {
      return servicePort.port() == null ? OptionalInt.empty() : OptionalInt.of(servicePort.port());
    }
    if (target.isInt()) {
      return OptionalInt.of(target.intValue());
    }
    String name = target.stringValue();
    String protocol = servicePort.protocol() == null ? "TCP" : servicePort.protocol();
    if (pod.spec() == null) {
      return OptionalInt.empty();
    }
    List<Container> containers = new ArrayList<>(pod.spec().containers());
    for (Container c : pod.spec().initContainers()) {
      if ("Always".equals(c.restartPolicy())) {
        containers.add(c); // sidecars serve too
      }
    }
    for (Container c : containers) {
      for (ContainerPort p : c.ports()) {
        String pp = p.protocol() == null ? "TCP" : p.protocol();
        if (name.equals(p.name()) && protocol.equals(pp) && p.containerPort() != null) {
          return OptionalInt.of(p.containerPort());
        }
      }
    }
    return OptionalInt.empty();
  }
}

package dev.keelson.scheduler.framework;

import dev.keelson.api.core.v1.Affinity;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodAffinityTerm;
import dev.keelson.api.core.v1.WeightedPodAffinityTerm;
import dev.keelson.api.values.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod with what the scheduler derives from it once: its key, priority, effective resource
 * requests (kube-scheduler's {@code PodRequests}: containers summed, the largest init container
 * step, restartable init containers (sidecars) added, plus overhead), the non-zero requests used
 * for scoring (100m CPU and 200Mi memory for a container that asks for none), and its parsed pod
 * (anti-)affinity terms. Immutable.
 */
public final class PodInfo {
  /** The CPU a container without a CPU request counts for in scoring (millicores). */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;

  /** The memory a container without a memory request counts for in scoring (bytes). */
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  private final Pod pod;
  private final String key;
  private final Resource requests;
  private final long nonZeroMilliCpu;
  private final long nonZeroMemory;
  private final List<AffinityTerm> requiredAffinity;
  private final List<AffinityTerm> requiredAntiAffinity;
  private final List<AffinityTerm> preferredAffinity;
  private final List<AffinityTerm> preferredAntiAffinity;
  private final String parseError;

  private PodInfo(Pod pod) {
    this.pod = pod;
    this.key = keyOf(pod);
    this.requests = computeRequests(pod, false);
    Resource nonZero = computeRequests(pod, true);
    this.nonZeroMilliCpu = nonZero.milliCpu;
    this.nonZeroMemory = nonZero.memory;
    List<AffinityTerm> ra = List.of();
    List<AffinityTerm> rna = List.of();
    List<AffinityTerm> pa = List.of();
    List<AffinityTerm> pna = List.of();
    String error = null;
    Affinity a = pod.spec() == null ? null : pod.spec().affinity();
    if (a != null) {
      try {
        if (a.podAffinity() != null) {
          ra = required(pod, a.podAffinity().requiredDuringSchedulingIgnoredDuringExecution());
          pa = preferred(pod, a.podAffinity().preferredDuringSchedulingIgnoredDuringExecution());
        }
        if (a.podAntiAffinity() != null) {
          rna = required(pod, a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution());
          pna =
              preferred(pod, a.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution());
        }
      } catch (IllegalArgumentException e) {
        error = "invalid pod affinity term: " + e.getMessage();
      }
    }
    this.requiredAffinity = ra;
    this.requiredAntiAffinity = rna;
    this.preferredAffinity = pa;
    this.preferredAntiAffinity = pna;
    this.parseError = error;
  }

  /** The info of {@code pod}. */
  public static PodInfo of(Pod pod) {
    return new PodInfo(pod);
  }

  /** {@code namespace/name}. */
  public static String keyOf(Pod pod) {
    return pod.metadata().namespace() + "/" + pod.metadata().name();
  }

  /** The pod. */
  public Pod pod() {
    return pod;
  }

  /** {@code namespace/name}. */
  public String key() {
    return key;
  }

  /** The pod's uid ({@code ""} if none). */
  public String uid() {
    String u = pod.metadata().uid();
    return u == null ? "" : u;
  }

  /** {@code spec.priority} (0 when unset). */
  public int priority() {
    Integer p = pod.spec() == null ? null : pod.spec().priority();
    return p == null ? 0 : p;
  }

  /** The node the pod is bound to ({@code ""} when none). */
  public String nodeName() {
    String n = pod.spec() == null ? null : pod.spec().nodeName();
    return n == null ? "" : n;
  }

  /** The effective requests (do not modify). */
  public Resource requests() {
    return requests;
  }

  /** Requested CPU for scoring, defaults filled in. */
  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  /** Requested memory for scoring, defaults filled in. */
  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  /** Required pod affinity terms. */
  public List<AffinityTerm> requiredAffinity() {
    return requiredAffinity;
  }

  /** Required pod anti-affinity terms. */
  public List<AffinityTerm> requiredAntiAffinity() {
    return requiredAntiAffinity;
  }

  /** Preferred pod affinity terms (with weights). */
  public List<AffinityTerm> preferredAffinity() {
    return preferredAffinity;
  }

  /** Preferred pod anti-affinity terms (with weights). */
  public List<AffinityTerm> preferredAntiAffinity() {
    return preferredAntiAffinity;
  }

  /** Whether the pod has any pod affinity or anti-affinity term. */
  public boolean hasAffinity() {
    return !requiredAffinity.isEmpty()
        || !requiredAntiAffinity.isEmpty()
        || !preferredAffinity.isEmpty()
        || !preferredAntiAffinity.isEmpty();
  }

  /** Why an affinity term could not be parsed, or {@code null}. */
  public String parseError() {
    return parseError;
  }

  /** Whether the pod is being deleted. */
  public boolean isTerminating() {
    return pod.metadata().deletionTimestamp() != null;
  }

  private static List<AffinityTerm> required(Pod pod, List<PodAffinityTerm> terms) {
    List<AffinityTerm> out = new ArrayList<>(terms.size());
    for (PodAffinityTerm t : terms) {
      out.add(AffinityTerm.of(pod, t, 1));
    }
    return List.copyOf(out);
  }

  private static List<AffinityTerm> preferred(Pod pod, List<WeightedPodAffinityTerm> terms) {
    List<AffinityTerm> out = new ArrayList<>(terms.size());
    for (WeightedPodAffinityTerm t : terms) {
      if (t.podAffinityTerm() != null) {
        out.add(AffinityTerm.of(pod, t.podAffinityTerm(), t.weight() == null ? 0 : t.weight()));
      }
    }
    return List.copyOf(out);
  }

  /** kube-scheduler's PodRequests (with {@code nonZero}: the scoring defaults filled in). */
  static Resource computeRequests(Pod pod, boolean nonZero) {
    Resource reqs = new Resource();
    if (pod.spec() == null) {
      return reqs;
    }
    for (Container c : pod.spec().containers()) {
      reqs.add(containerRequests(c, nonZero));
    }
    Resource sidecars = new Resource();
    Resource initMax = new Resource();
    for (Container c : pod.spec().initContainers()) {
      Resource r = containerRequests(c, nonZero);
      Resource step;
      if ("Always".equals(c.restartPolicy())) {
        sidecars.add(r);
        step = sidecars.copy();
      } else {
        step = r;
        step.add(sidecars);
      }
      initMax.setMax(step);
    }
    reqs.add(sidecars);
    reqs.setMax(initMax);
    Map<String, Quantity> overhead = pod.spec().overhead();
    if (!overhead.isEmpty()) {
      reqs.add(overhead);
    }
    return reqs;
  }

  private static Resource containerRequests(Container c, boolean nonZero) {
    Map<String, Quantity> requests = c.resources() == null ? Map.of() : c.resources().requests();
    Resource r = Resource.of(requests);
    if (nonZero) {
      if (!requests.containsKey("cpu")) {
        r.milliCpu = DEFAULT_MILLI_CPU_REQUEST;
      }
      if (!requests.containsKey("memory")) {
        r.memory = DEFAULT_MEMORY_REQUEST;
      }
    }
    return r;
  }

  @Override
  public String toString() {
    return "PodInfo[" + key + "]";
  }
}

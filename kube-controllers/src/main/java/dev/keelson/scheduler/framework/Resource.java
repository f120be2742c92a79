package dev.keelson.scheduler.framework;

import dev.keelson.api.values.Quantity;
import java.util.HashMap;
import java.util.Map;

/**
 * Amounts of the resources the scheduler accounts (kube-scheduler's {@code framework.Resource}):
 * CPU in millicores, memory and ephemeral storage in bytes, a pod count, and scalar resources
 * (extended resources such as {@code example.com/gpu}, {@code hugepages-*}). Mutable; not
 * thread-safe.
 */
public final class Resource {
  /** CPU in millicores. */
  public long milliCpu;

  /** Memory in bytes. */
  public long memory;

  /** Ephemeral storage in bytes. */
  public long ephemeralStorage;

  /** Pods (only meaningful for a node's allocatable). */
  public long allowedPods;

  /** Scalar resources by name. */
  public final Map<String, Long> scalars = new HashMap<>(2);

  /** The resources of a {@code ResourceList} map. */
  public static Resource of(Map<String, Quantity> list) {
    Resource r = new Resource();
    r.add(list);
    return r;
  }

  /** Adds a {@code ResourceList}. */
  public void add(Map<String, Quantity> list) {
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      Quantity q = e.getValue();
      switch (e.getKey()) {
        case "cpu" -> milliCpu += q.toMilliValue();
        case "memory" -> memory += q.value();
        case "ephemeral-storage" -> ephemeralStorage += q.value();
        case "pods" -> allowedPods += q.value();
        default -> {
          if (isScalar(e.getKey())) {
            scalars.merge(e.getKey(), q.value(), Long::sum);
          }
        }
      }
    }
  }

  /** Adds another amount. */
  public void add(Resource other) {
    milliCpu += other.milliCpu;
    memory += other.memory;
    ephemeralStorage += other.ephemeralStorage;
    allowedPods += other.allowedPods;
    other.scalars.forEach((k, v) -> scalars.merge(k, v, Long::sum));
  }

  /** Subtracts another amount. */
  public void subtract(Resource other) {
    milliCpu -= other.milliCpu;
    memory -= other.memory;
    ephemeralStorage -= other.ephemeralStorage;
    allowedPods -= other.allowedPods;
    other.scalars.forEach((k, v) -> scalars.merge(k, -v, Long::sum));
  }

  /** Raises each amount to at least {@code other}'s. */
  public void setMax(Resource other) {
    milliCpu = Math.max(milliCpu, other.milliCpu);
    memory = Math.max(memory, other.memory);
    ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
    allowedPods = Math.max(allowedPods, other.allowedPods);
    other.scalars.forEach((k, v) -> scalars.merge(k, v, Math::max));
  }

  /** The amount of a scalar resource (0 when absent). */
  public long scalar(String name) {
    Long v = scalars.get(name);
    return v == null ? 0 : v;
  }

  /** A copy. */
  public Resource copy() {
    Resource r = new Resource();
    r.add(this);
    return r;
  }

  /** True when every amount is zero. */
  public boolean isZero() {
    if (milliCpu != 0 || memory != 0 || ephemeralStorage != 0) {
      return false;
    }
    for (long v : scalars.values()) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether kube-scheduler accounts {@code name} as a scalar resource: extended resources (a
   * domain-prefixed name outside {@code kubernetes.io/}), {@code hugepages-*} and {@code
   * attachable-volumes-*}.
   */
  public static boolean isScalar(String name) {
    if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")) {
      return true;
    }
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String domain = name.substring(0, slash);
    return !domain.equals("kubernetes.io") && !domain.endsWith(".kubernetes.io");
  }

  @Override
  public String toString() {
    return "Resource[cpu="
        + milliCpu
        + "m, memory="
        + memory
        + ", ephemeral-storage="
        + ephemeralStorage
        + ", pods="
        + allowedPods
        + (scalars.isEmpty() ? "" : ", " + scalars)
        + "]";
  }
}

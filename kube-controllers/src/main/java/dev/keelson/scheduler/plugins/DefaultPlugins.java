package dev.keelson.scheduler.plugins;

import dev.keelson.scheduler.framework.Handle;
import dev.keelson.scheduler.framework.Plugin;
import dev.keelson.scheduler.framework.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube-scheduler's default profile as far as this scheduler implements it, with its default score
 * weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, resource
 * scoring 1 each).
 */
public final class DefaultPlugins {
  private DefaultPlugins() {}

  /** The default plugins. */
  public static List<Plugin> plugins(Handle handle) {
    List<Plugin> p = new ArrayList<>();
    p.add(new NodeUnschedulable());
    p.add(new NodeName());
    p.add(new TaintToleration());
    p.add(new NodeAffinity());
    p.add(new NodeResourcesFit());
    p.add(new PodTopologySpread());
    p.add(new InterPodAffinity());
    p.add(new NodeResourcesLeastAllocated());
    p.add(new NodeResourcesBalancedAllocation());
    p.add(new DefaultPreemption(handle));
    p.add(new DefaultBinder(handle.client()));
    return p;
  }

  /** The default score weights. */
  public static Map<String, Integer> weights() {
    return Map.of(
        TaintToleration.NAME, 3,
        NodeAffinity.NAME, 2,
        PodTopologySpread.NAME, 2,
        InterPodAffinity.NAME, 2,
        NodeResourcesLeastAllocated.NAME, 1,
        NodeResourcesBalancedAllocation.NAME, 1);
  }

  /** The default profile. */
  public static Profile profile(Handle handle) {
    return new Profile(plugins(handle), weights());
  }
}

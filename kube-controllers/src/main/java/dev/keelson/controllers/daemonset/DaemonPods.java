package dev.keelson.controllers.daemonset;

import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.core.v1.Affinity;
import dev.keelson.api.core.v1.AffinityBuilder;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAffinity;
import dev.keelson.api.core.v1.NodeAffinityBuilder;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.ControllerRevisions;
import dev.keelson.controllers.support.NodeAffinities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Daemon pods: where they should run, and how they are made for a node. */
public final class DaemonPods {
  /** The pod label with the set's generation when the pod was made. */
  public static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";

  /** Whether a node should run a daemon pod, and whether one already there may stay. */
  public record Placement(boolean shouldRun, boolean shouldContinueRunning) {}

  private DaemonPods() {}

  /**
   * The tolerations every daemon pod gets on top of its template's, as the DaemonSet controller
   * adds them: NoExecute for not-ready and unreachable nodes, NoSchedule for disk, memory and pid
   * pressure and unschedulable nodes, and network-unavailable for host-network pods.
   */
  public static List<Toleration> tolerations(PodSpec spec) {
    List<Toleration> out = new ArrayList<>(spec.tolerations());
    add(out, "node.kubernetes.io/not-ready", "NoExecute");
    add(out, "node.kubernetes.io/unreachable", "NoExecute");
    add(out, "node.kubernetes.io/disk-pressure", "NoSchedule");
    add(out, "node.kubernetes.io/memory-pressure", "NoSchedule");
    add(out, "node.kubernetes.io/pid-pressure", "NoSchedule");
    add(out, "node.kubernetes.io/unschedulable", "NoSchedule");
    if (Boolean.TRUE.equals(spec.hostNetwork())) {
      add(out, "node.kubernetes.io/network-unavailable", "NoSchedule");
    }
    return out;
  }

  private static void add(List<Toleration> tolerations, String key, String effect) {
    for (Toleration t : tolerations) {
      if (key.equals(t.key()) && effect.equals(t.effect()) && "Exists".equals(t.operator())) {
        return;
      }
    }
    tolerations.add(new Toleration(key, "Exists", null, effect, null));
  }

  /**
   * Where the set's pods belong: a node runs one if the template's nodeName (when set),
   * nodeSelector and required node affinity admit it and every NoSchedule/NoExecute taint is
   * tolerated; a pod already there may stay unless an untolerated NoExecute taint or a selector
   * change excludes it.
   */
  public static Placement placement(DaemonSet set, Node node) {
    PodSpec spec = set.spec().template().spec();
    if (spec.nodeName() != null
        && !spec.nodeName().isEmpty()
        && !spec.nodeName().equals(node.metadata().name())) {
      return new Placement(false, false);
    }
    if (!NodeAffinities.admits(spec, node)) {
      return new Placement(false, false);
    }
    List<Toleration> tolerations = tolerations(spec);
    boolean run = true;
    boolean stay = true;
    List<Taint> taints = node.spec() == null ? List.of() : node.spec().taints();
    for (Taint taint : taints) {
      if (NodeAffinities.tolerates(tolerations, taint)) {
        continue;
      }
      if ("NoSchedule".equals(taint.effect())) {
        run = false;
      } else if ("NoExecute".equals(taint.effect())) {
        run = false;
        stay = false;
      }
    }
    return new Placement(run, stay);
  }

  /** The daemon pod for {@code node} from {@code template}, labelled with revision {@code hash}. */
  static Pod newPod(DaemonSet set, PodTemplateSpec template, String node, String hash) {
    ObjectMeta t = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(t == null ? Map.of() : t.labels());
    labels.put(ControllerRevisions.POD_REVISION_LABEL, hash);
    if (set.metadata().generation() != null) {
      labels.put(TEMPLATE_GENERATION_LABEL, Long.toString(set.metadata().generation()));
    }
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .generateName(set.metadata().name() + "-")
            .namespace(set.metadata().namespace())
            .labels(labels)
            .annotations(t == null ? Map.of() : t.annotations())
            .ownerReferences(List.of(ControllerRefs.of(set)))
            .build();
    PodSpec spec = template.spec();
    spec = spec.withTolerations(tolerations(spec)).withAffinity(pinned(spec.affinity(), node));
    return new Pod(null, null, meta, spec, null);
  }

  /**
   * The affinity with its required node terms replaced by one term: {@code metadata.name In [node]}
   * (Kubernetes' {@code ReplaceDaemonSetPodNodeNameNodeAffinity}).
   */
  static Affinity pinned(Affinity affinity, String node) {
    NodeSelector required =
        new NodeSelector(
            List.of(
                new NodeSelectorTerm(
                    List.of(),
                    List.of(
                        new NodeSelectorRequirement(
                            NodeAffinities.NODE_NAME_FIELD, "In", List.of(node))))));
    NodeAffinity na =
        affinity == null || affinity.nodeAffinity() == null
            ? NodeAffinityBuilder.builder().build()
            : affinity.nodeAffinity();
    na = na.withRequiredDuringSchedulingIgnoredDuringExecution(required);
    Affinity base = affinity == null ? AffinityBuilder.builder().build() : affinity;
    return base.withNodeAffinity(na);
  }
}

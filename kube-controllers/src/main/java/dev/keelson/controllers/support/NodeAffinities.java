package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Node selection as the scheduler's predicates judge it: {@code nodeSelector}, required node
 * affinity (label expressions and {@code metadata.name} fields), and taints against tolerations.
 */
public final class NodeAffinities {
  /** The field a node selector term's {@code matchFields} may name. */
  public static final String NODE_NAME_FIELD = "metadata.name";

  private NodeAffinities() {}

  /** Whether {@code spec}'s nodeSelector and required node affinity admit {@code node}. */
  public static boolean admits(PodSpec spec, Node node) {
    Map<String, String> labels = node.metadata().labels();
    for (Map.Entry<String, String> e : spec.nodeSelector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    NodeSelector required =
        spec.affinity() == null || spec.affinity().nodeAffinity() == null
            ? null
            : spec.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    return required == null || matches(required, node);
  }

  /** Whether any term of {@code selector} matches {@code node} (no terms match nothing). */
  public static boolean matches(NodeSelector selector, Node node) {
    for (NodeSelectorTerm term : selector.nodeSelectorTerms()) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every requirement of a (non-empty) term matches {@code node}. */
  public static boolean matches(NodeSelectorTerm term, Node node) {
    if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement r : term.matchExpressions()) {
      if (!matches(r, node.metadata().labels())) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.matchFields()) {
      if (!NODE_NAME_FIELD.equals(r.key())
          || !matches(r, Map.of(NODE_NAME_FIELD, node.metadata().name()))) {
        return false;
      }
    }
    return true;
  }

  /** One requirement ({@code In, NotIn, Exists, DoesNotExist, Gt, Lt}) against a label map. */
  public static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
    String v = labels.get(r.key());
    List<String> values = r.values();
    return switch (r.operator()) {
      case "In" -> v != null && values.contains(v);
      case "NotIn" -> v == null || !values.contains(v);
      case "Exists" -> v != null;
      case "DoesNotExist" -> v == null;
      case "Gt", "Lt" -> {
        if (v == null || values.size() != 1) {
          yield false;
        }
        try {
          long have = Long.parseLong(v);
          long want = Long.parseLong(values.get(0));
          yield r.operator().equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }

  /**
   * Whether some toleration tolerates {@code taint} (core/v1 {@code Toleration.ToleratesTaint}).
   */
  public static boolean tolerates(List<Toleration> tolerations, Taint taint) {
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code t} tolerates {@code taint}. */
  public static boolean tolerates(Toleration t, Taint taint) {
    if (t.effect() != null && !t.effect().isEmpty() && !t.effect().equals(taint.effect())) {
      return false;
    }
    boolean exists = "Exists".equals(t.operator());
    if (t.key() == null || t.key().isEmpty()) {
      return exists; // an empty key with Exists tolerates everything
    }
    if (!t.key().equals(taint.key())) {
      return false;
    }
    if (exists) {
      return true;
    }
    String want = t.value() == null ? "" : t.value();
    String have = taint.value() == null ? "" : taint.value();
    return want.equals(have);
  }

  /**
   * The node a pod is meant for: its {@code spec.nodeName}, else the single value of a {@code
   * metadata.name In [...]} field requirement of its required node affinity (how DaemonSet pods are
   * pinned), else {@code null}.
   */
  public static String targetNode(Pod pod) {
    PodSpec spec = pod.spec();
    if (spec == null) {
      return null;
    }
    if (spec.nodeName() != null && !spec.nodeName().isEmpty()) {
      return spec.nodeName();
    }
    if (spec.affinity() == null || spec.affinity().nodeAffinity() == null) {
      return null;
    }
    NodeSelector required =
        spec.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    if (required == null) {
      return null;
    }
    for (NodeSelectorTerm term : required.nodeSelectorTerms()) {
      for (NodeSelectorRequirement r : term.matchFields()) {
        if (NODE_NAME_FIELD.equals(r.key())
            && "In".equals(r.operator())
            && r.values().size() == 1) {
          return r.values().get(0);
        }
      }
    }
    return null;
  }
}

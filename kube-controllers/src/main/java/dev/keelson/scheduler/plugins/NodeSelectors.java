package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeAffinity;
import dev.keelson.api.core.v1.NodeSelector;
import dev.keelson.api.core.v1.NodeSelectorRequirement;
import dev.keelson.api.core.v1.NodeSelectorTerm;
import dev.keelson.api.core.v1.Pod;
import java.util.List;
import java.util.Map;

/**
 * Node selector matching as {@code nodeaffinity.RequiredNodeAffinity}: a pod's {@code nodeSelector}
 * (all labels) and its required node affinity (any term; all requirements of a term; operators In,
 * NotIn, Exists, DoesNotExist, Gt, Lt; matchFields on {@code metadata.name}).
 */
public final class NodeSelectors {
  private NodeSelectors() {}

  /** Whether the pod's nodeSelector and required node affinity both match {@code node}. */
  public static boolean podMatchesNode(Pod pod, Node node) {
    if (pod.spec() == null) {
      return true;
    }
    Map<String, String> labels = node.metadata().labels();
    for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    NodeAffinity na = pod.spec().affinity() == null ? null : pod.spec().affinity().nodeAffinity();
    if (na == null || na.requiredDuringSchedulingIgnoredDuringExecution() == null) {
      return true;
    }
    return matches(na.requiredDuringSchedulingIgnoredDuringExecution(), node);
  }

  /** Whether any term of {@code selector} matches (no terms match nothing). */
  public static boolean matches(NodeSelector selector, Node node) {
    for (NodeSelectorTerm t : selector.nodeSelectorTerms()) {
      if (matches(t, node)) {
        return true;
      }
    }
    return false;
  }

  /** Whether all requirements of {@code term} match (an empty term matches nothing). */
  public static boolean matches(NodeSelectorTerm term, Node node) {
    if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
      return false;
    }
    Map<String, String> labels = node.metadata().labels();
    for (NodeSelectorRequirement r : term.matchExpressions()) {
      if (!matches(r, labels)) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.matchFields()) {
      if (!"metadata.name".equals(r.key())) {
        return false;
      }
      if (!matches(r, Map.of("metadata.name", node.metadata().name()))) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.key());
    List<String> values = r.values();
    String op = r.operator() == null ? "" : r.operator();
    return switch (op) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> {
        if (value == null || values.size() != 1) {
          yield false;
        }
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.get(0));
          yield op.equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }
}

package dev.keelson.scheduler.framework;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodAffinityTerm;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.selector.Selector;
import java.util.HashSet;
import java.util.Set;

/**
 * A pod (anti-)affinity term made ready for matching (kube-scheduler's {@code AffinityTerm}): the
 * namespaces it applies to, its label selector and topology key, and for preferred terms a weight.
 *
 * @param namespaces the namespaces named (or the owning pod's when none and no namespace selector)
 * @param allNamespaces true for an empty namespaceSelector ({@code {}}), which selects all
 * @param selector the label selector of the term
 * @param topologyKey the node label whose value defines the topology domain
 * @param weight the weight for preferred terms (1 for required ones)
 */
public record AffinityTerm(
    Set<String> namespaces,
    boolean allNamespaces,
    Selector selector,
    String topologyKey,
    int weight) {

  /**
   * The term of {@code owner}. A non-empty namespaceSelector is not evaluated (namespace labels are
   * not in the scheduler's cache): it then adds no namespace.
   *
   * @throws IllegalArgumentException for an invalid label selector
   */
  public static AffinityTerm of(Pod owner, PodAffinityTerm term, int weight) {
    Set<String> ns = new HashSet<>(term.namespaces());
    LabelSelector nsSel = term.namespaceSelector();
    boolean all =
        nsSel != null && nsSel.matchLabels().isEmpty() && nsSel.matchExpressions().isEmpty();
    if (ns.isEmpty() && nsSel == null) {
      ns.add(owner.metadata().namespace());
    }
    Selector sel = Selector.fromLabelSelector(term.labelSelector());
    if (!term.matchLabelKeys().isEmpty() || !term.mismatchLabelKeys().isEmpty()) {
      java.util.Map<String, String> labels = owner.metadata().labels();
      for (String k : term.matchLabelKeys()) {
        if (labels.containsKey(k)) {
          sel = sel.add(dev.keelson.api.selector.Requirement.in(k, labels.get(k)));
        }
      }
      for (String k : term.mismatchLabelKeys()) {
        if (labels.containsKey(k)) {
          sel =
              sel.add(
                  dev.keelson.api.selector.Requirement.of(
                      k,
                      dev.keelson.api.selector.Operator.NOT_IN,
                      java.util.List.of(labels.get(k))));
        }
      }
    }
    return new AffinityTerm(
        Set.copyOf(ns), all, sel, term.topologyKey() == null ? "" : term.topologyKey(), weight);
  }

  /** Whether {@code pod} is selected by this term (namespace and labels). */
  public boolean matches(Pod pod) {
    if (!allNamespaces && !namespaces.contains(pod.metadata().namespace())) {
      return false;
    }
    return selector.matches(pod.metadata().labels());
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/**
 * Defines a set of pods (namely those matching the labelSelector relative to the given
 * namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity)
 * with, where co-located is defined as running on a node whose value of the label with key
 * &lt;topologyKey&gt; matches that of any node on which a pod of the set of pods is running
 */
@KubeModel
public record PodAffinityTerm(
    LabelSelector labelSelector,
    List<String> namespaces,
    String topologyKey,
    LabelSelector namespaceSelector,
    List<String> matchLabelKeys,
    List<String> mismatchLabelKeys)
    implements PodAffinityTermBuilder.With {
  public PodAffinityTerm {
    namespaces = Immutable.list(namespaces);
    matchLabelKeys = Immutable.list(matchLabelKeys);
    mismatchLabelKeys = Immutable.list(mismatchLabelKeys);
  }
}

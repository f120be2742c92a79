package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * A node selector represents the union of the results of one or more label queries over a set of
 * nodes; that is, it represents the OR of the selectors represented by the node selector terms.
 */
@KubeModel
public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms)
    implements NodeSelectorBuilder.With {
  public NodeSelector {
    nodeSelectorTerms = Immutable.list(nodeSelectorTerms);
  }
}

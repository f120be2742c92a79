package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/** TopologySpreadConstraint specifies how to spread matching pods among the given topology. */
@KubeModel
public record TopologySpreadConstraint(
    Integer maxSkew,
    String topologyKey,
    String whenUnsatisfiable,
    LabelSelector labelSelector,
    Integer minDomains,
    String nodeAffinityPolicy,
    String nodeTaintsPolicy,
    List<String> matchLabelKeys)
    implements TopologySpreadConstraintBuilder.With {
  public TopologySpreadConstraint {
    matchLabelKeys = Immutable.list(matchLabelKeys);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** A null or empty node selector term matches no objects. */
@KubeModel
public record NodeSelectorTerm(
    List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields)
    implements NodeSelectorTermBuilder.With {
  public NodeSelectorTerm {
    matchExpressions = Immutable.list(matchExpressions);
    matchFields = Immutable.list(matchFields);
  }
}

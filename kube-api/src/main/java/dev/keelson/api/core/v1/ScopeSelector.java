package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Scope expressions that all must match the objects a quota counts. */
@KubeModel
public record ScopeSelector(List<ScopedResourceSelectorRequirement> matchExpressions)
    implements ScopeSelectorBuilder.With {
  public ScopeSelector {
    matchExpressions = Immutable.list(matchExpressions);
  }
}

package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/**
 * How a cluster role's rules are aggregated from other cluster roles.
 *
 * @param clusterRoleSelectors the rules of every cluster role matching any of these selectors are
 *     added
 */
@KubeModel
public record AggregationRule(List<LabelSelector> clusterRoleSelectors)
    implements AggregationRuleBuilder.With {
  public AggregationRule {
    clusterRoleSelectors = Immutable.list(clusterRoleSelectors);
  }
}

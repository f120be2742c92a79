package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.Quantity;
import java.util.List;
import java.util.Map;

/**
 * The hard limits of a resource quota and the objects it counts.
 *
 * @param hard the limit of each named resource ({@code pods}, {@code requests.cpu}, {@code
 *     count/deployments.apps})
 * @param scopes which objects the quota counts ({@code Terminating}, {@code BestEffort}, ...)
 */
@KubeModel
public record ResourceQuotaSpec(
    Map<String, Quantity> hard, List<String> scopes, ScopeSelector scopeSelector)
    implements ResourceQuotaSpecBuilder.With {
  public ResourceQuotaSpec {
    scopes = Immutable.list(scopes);
    hard = Immutable.map(hard);
  }
}

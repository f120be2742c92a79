package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** When an Indexed job counts as succeeded; any matching rule suffices. */
@KubeModel
public record SuccessPolicy(List<SuccessPolicyRule> rules) implements SuccessPolicyBuilder.With {
  public SuccessPolicy {
    rules = Immutable.list(rules);
  }
}

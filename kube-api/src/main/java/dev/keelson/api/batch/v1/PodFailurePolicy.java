package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Rules that decide what a failed pod means for a job; the first matching rule wins. */
@KubeModel
public record PodFailurePolicy(List<PodFailurePolicyRule> rules)
    implements PodFailurePolicyBuilder.With {
  public PodFailurePolicy {
    rules = Immutable.list(rules);
  }
}

package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * A rule of a pod failure policy: an action and the failures it applies to.
 *
 * @param action {@code FailJob}, {@code FailIndex}, {@code Ignore} or {@code Count}
 */
@KubeModel
public record PodFailurePolicyRule(
    String action,
    PodFailurePolicyOnExitCodesRequirement onExitCodes,
    List<PodFailurePolicyOnPodConditionsPattern> onPodConditions)
    implements PodFailurePolicyRuleBuilder.With {
  public PodFailurePolicyRule {
    onPodConditions = Immutable.list(onPodConditions);
  }
}

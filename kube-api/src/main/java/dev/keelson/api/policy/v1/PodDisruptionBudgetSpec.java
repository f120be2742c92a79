package dev.keelson.api.policy.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.IntOrString;

/**
 * What a disruption budget protects and how many pods it lets be disrupted.
 *
 * @param minAvailable pods (or a percentage) that must stay available; exclusive with {@code
 *     maxUnavailable}
 * @param selector the pods protected; an empty selector selects every pod of the namespace; a
 *     strategic merge patch replaces it whole
 * @param maxUnavailable pods (or a percentage) that may be unavailable; exclusive with {@code
 *     minAvailable}
 * @param unhealthyPodEvictionPolicy {@code IfHealthyBudget} or {@code AlwaysAllow}
 */
@KubeModel
public record PodDisruptionBudgetSpec(
    IntOrString minAvailable,
    @PatchStrategy(replace = true) LabelSelector selector,
    IntOrString maxUnavailable,
    String unhealthyPodEvictionPolicy)
    implements PodDisruptionBudgetSpecBuilder.With {}

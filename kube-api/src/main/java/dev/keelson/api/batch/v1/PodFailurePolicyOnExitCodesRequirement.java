package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Matches a failed pod by its containers' exit codes.
 *
 * @param containerName restricts the check to one container
 * @param operator {@code In} or {@code NotIn}
 */
@KubeModel
public record PodFailurePolicyOnExitCodesRequirement(
    String containerName, String operator, List<Integer> values)
    implements PodFailurePolicyOnExitCodesRequirementBuilder.With {
  public PodFailurePolicyOnExitCodesRequirement {
    values = Immutable.list(values);
  }
}

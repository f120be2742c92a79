package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Describes the condition for handling an exited container based on its exit codes. */
@KubeModel
public record ContainerRestartRuleOnExitCodes(String operator, List<Integer> values)
    implements ContainerRestartRuleOnExitCodesBuilder.With {
  public ContainerRestartRuleOnExitCodes {
    values = Immutable.list(values);
  }
}

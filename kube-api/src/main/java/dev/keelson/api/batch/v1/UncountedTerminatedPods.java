package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** UIDs of finished pods the job controller has not counted yet. */
@KubeModel
public record UncountedTerminatedPods(List<String> succeeded, List<String> failed)
    implements UncountedTerminatedPodsBuilder.With {
  public UncountedTerminatedPods {
    succeeded = Immutable.list(succeeded);
    failed = Immutable.list(failed);
  }
}

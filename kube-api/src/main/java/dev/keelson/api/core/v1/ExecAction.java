package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Describes a "run in container" action. */
@KubeModel
public record ExecAction(List<String> command) implements ExecActionBuilder.With {
  public ExecAction {
    command = Immutable.list(command);
  }
}

package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** The limits of a limit range. */
@KubeModel
public record LimitRangeSpec(List<LimitRangeItem> limits) implements LimitRangeSpecBuilder.With {
  public LimitRangeSpec {
    limits = Immutable.list(limits);
  }
}

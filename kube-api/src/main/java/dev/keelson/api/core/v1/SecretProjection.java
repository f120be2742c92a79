package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Adapts a secret into a projected volume. */
@KubeModel
public record SecretProjection(String name, List<KeyToPath> items, Boolean optional)
    implements SecretProjectionBuilder.With {
  public SecretProjection {
    items = Immutable.list(items);
  }
}

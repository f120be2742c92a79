package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Adapts a Secret into a volume. */
@KubeModel
public record SecretVolumeSource(
    String secretName,
    List<KeyToPath> items,
    Integer defaultMode,
    Boolean optional,
    Long defaultUser)
    implements SecretVolumeSourceBuilder.With {
  public SecretVolumeSource {
    items = Immutable.list(items);
  }
}

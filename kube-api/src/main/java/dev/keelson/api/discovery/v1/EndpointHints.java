package dev.keelson.api.discovery.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Where an endpoint should preferably be used from. */
@KubeModel
public record EndpointHints(List<ForZone> forZones, List<ForNode> forNodes)
    implements EndpointHintsBuilder.With {
  public EndpointHints {
    forZones = Immutable.list(forZones);
    forNodes = Immutable.list(forNodes);
  }
}

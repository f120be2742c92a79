package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** A group of addresses with a common set of ports. */
@KubeModel
public record EndpointSubset(
    List<EndpointAddress> addresses,
    List<EndpointAddress> notReadyAddresses,
    List<EndpointPort> ports)
    implements EndpointSubsetBuilder.With {
  public EndpointSubset {
    addresses = Immutable.list(addresses);
    notReadyAddresses = Immutable.list(notReadyAddresses);
    ports = Immutable.list(ports);
  }
}
